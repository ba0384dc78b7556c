package dev.watchdog.config;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in scalar values. It runs on values after
 * YAML parsing, so an environment variable can never inject YAML structure, and line numbers
 * stay those of the file.
 */
final class EnvInterpolator {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> env;

    EnvInterpolator(Map<String, String> env) {
        this.env = env;
    }

    /** Expands every reference; reports each variable that is unset and has no default. */
    String expand(String value, Consumer<String> unsetVariable) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String fallback = m.group(2);
            String replacement = env.get(name);
            if (replacement == null || (replacement.isEmpty() && fallback != null)) {
                if (fallback == null) {
                    unsetVariable.accept(name);
                    replacement = "";
                } else {
                    replacement = fallback;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
