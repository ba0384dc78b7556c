package dev.watchdog.approval;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.gotemplate.GoRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Binds an action's {@code parameters:} mapping (name to spec), reporting every problem. */
final class ParameterBinder {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");

    private ParameterBinder() {
    }

    static List<ParameterSpec> bindAll(ConfigNode node) {
        List<ParameterSpec> parameters = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> entry : node.asMap(child -> child).entrySet()) {
            if (!NAME.matcher(entry.getKey()).matches()) {
                entry.getValue().problem("\"" + entry.getKey() + "\" is not a parameter name (letters, digits and _,"
                        + " not starting with a digit)");
                continue;
            }
            bind(entry.getKey(), entry.getValue()).ifPresent(parameters::add);
        }
        return parameters;
    }

    private static Optional<ParameterSpec> bind(String name, ConfigNode node) {
        if (!node.allowOnly("type", "description", "allowed", "pattern", "min", "max", "required", "default")) {
            return Optional.empty();
        }
        String typeText = node.requiredString("type").strip();
        Optional<ParameterType> found = ParameterType.of(typeText);
        if (!typeText.isEmpty() && found.isEmpty()) {
            node.field("type").get().problem("\"" + typeText + "\" is not a parameter type (allowed: "
                    + ParameterType.ALLOWED + ")");
        }
        String description = node.requiredString("description").strip();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ParameterType type = found.get();
        com.google.re2j.Pattern pattern = pattern(node, type);
        Long min = bound(node, "min", type);
        Long max = bound(node, "max", type);
        if (min != null && max != null && min > max) {
            node.field("min").get().problem(min + " is more than max " + max);
        }
        List<Object> allowed = allowed(node, type);
        if (type == ParameterType.STRING && allowed.isEmpty() && !node.has("pattern")) {
            node.problem("a string parameter needs allowed values or a pattern, so that only expected text can"
                    + " reach the request");
        }
        boolean required = node.bool("required", true);
        ParameterSpec spec = new ParameterSpec(name, type, description, allowed, pattern, min, max, required, null);
        Object defaultValue = null;
        Optional<ConfigNode> defaultNode = node.field("default");
        if (defaultNode.isPresent()) {
            if (required) {
                defaultNode.get().problem("only an optional parameter has a default; add required: false");
            }
            ParameterSpec.Checked checked = spec.check(defaultNode.get().text().orElse(""));
            if (checked.ok()) {
                defaultValue = checked.value();
            } else {
                defaultNode.get().problem(checked.problem().replaceFirst("^parameter '[^']*': ", ""));
            }
        } else if (!required) {
            node.problem("an optional parameter needs a default (the value used when the agent leaves it out)");
        }
        return Optional.of(new ParameterSpec(name, type, description, allowed, pattern, min, max, required,
                defaultValue));
    }

    /** Compiled as written; {@link ParameterSpec#check} matches it against the whole value. */
    private static com.google.re2j.Pattern pattern(ConfigNode node, ParameterType type) {
        Optional<ConfigNode> patternNode = node.field("pattern");
        if (patternNode.isEmpty()) {
            return null;
        }
        if (type != ParameterType.STRING) {
            patternNode.get().problem("pattern applies to string parameters only");
            return null;
        }
        String regex = patternNode.get().text().orElse("");
        Optional<String> invalid = GoRegex.syntaxError(regex);
        if (invalid.isPresent()) {
            patternNode.get().problem("\"" + regex + "\" is not a valid regular expression (RE2): " + invalid.get());
            return null;
        }
        return com.google.re2j.Pattern.compile(regex);
    }

    private static Long bound(ConfigNode node, String key, ParameterType type) {
        Optional<ConfigNode> boundNode = node.field(key);
        if (boundNode.isEmpty()) {
            return null;
        }
        if (type != ParameterType.INTEGER) {
            boundNode.get().problem("min and max apply to integer parameters only");
            return null;
        }
        return wholeNumber(boundNode.get());
    }

    private static List<Object> allowed(ConfigNode node, ParameterType type) {
        Optional<ConfigNode> allowedNode = node.field("allowed");
        if (allowedNode.isEmpty()) {
            return List.of();
        }
        if (type == ParameterType.BOOLEAN) {
            allowedNode.get().problem("allowed does not apply to boolean parameters");
            return List.of();
        }
        List<Object> allowed = new ArrayList<>();
        for (ConfigNode item : allowedNode.get().items()) {
            Object value = type == ParameterType.STRING ? item.text().orElse(null) : wholeNumber(item);
            if (value != null) {
                allowed.add(value);
            }
        }
        return allowed;
    }

    private static Long wholeNumber(ConfigNode node) {
        String text = node.text().orElse("").strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notNumber) {
            node.problem("\"" + text + "\" is not a whole number");
            return null;
        }
    }
}
