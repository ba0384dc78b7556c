package dev.watchdog.config;

import dev.watchdog.security.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A position in a parsed YAML document that knows its key path and line, so every binding
 * error can say exactly where it is. Binding never throws: problems are collected in the
 * {@link ConfigDocument} and reported together.
 */
public final class ConfigNode {

    private final ConfigDocument document;
    private final Node node;
    private final String path;
    private final boolean interpolate;
    private final int line;

    ConfigNode(ConfigDocument document, Node node, String path, boolean interpolate) {
        this(document, node, path, interpolate, node.getStartMark().getLine() + 1);
    }

    /** @param line where to point the user: the key's line for a value under a key */
    private ConfigNode(ConfigDocument document, Node node, String path, boolean interpolate, int line) {
        this.document = document;
        this.node = node;
        this.path = path;
        this.interpolate = interpolate;
        this.line = line;
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public String file() {
        return document.file();
    }

    /** Children of this node keep their text as written: Prometheus rules have no ${ENV}. */
    public ConfigNode verbatim() {
        return new ConfigNode(document, node, path, false, line);
    }

    public void problem(String message) {
        document.report(new ConfigProblem(document.file(), line(), path, message));
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    /** A YAML null ({@code null}, {@code ~}, or nothing after a key). */
    public boolean isNull() {
        return isNull(node);
    }

    /** Reports every key that is not allowed here, with the list of keys that are. */
    public boolean allowOnly(String... allowed) {
        if (!expect(MappingNode.class, "a mapping (key: value)")) {
            return false;
        }
        Set<String> allowedKeys = Set.of(allowed);
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            String key = keyOf(tuple);
            ConfigNode keyNode = new ConfigNode(document, tuple.getKeyNode(), join(key), interpolate);
            if (!seen.add(key)) {
                keyNode.problem("duplicate key");
            } else if (!allowedKeys.contains(key)) {
                keyNode.problem("unknown key (allowed: " + String.join(", ", allowed) + ")");
            }
        }
        return true;
    }

    public Optional<ConfigNode> field(String key) {
        if (!(node instanceof MappingNode mapping)) {
            return Optional.empty();
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (key.equals(keyOf(tuple)) && !isNull(tuple.getValueNode())) {
                return Optional.of(valueOf(tuple, key));
            }
        }
        return Optional.empty();
    }

    public boolean has(String key) {
        return field(key).isPresent();
    }

    /** This node's scalar text, with ${ENV} expanded; empty when it is not a scalar. */
    public Optional<String> text() {
        if (!expect(ScalarNode.class, "a single value")) {
            return Optional.empty();
        }
        String raw = ((ScalarNode) node).getValue();
        if (!interpolate) {
            return Optional.of(raw);
        }
        return Optional.of(document.interpolator().expand(raw, variable -> document.unset(path, variable)));
    }

    public String string(String key, String fallback) {
        return field(key).flatMap(ConfigNode::text).orElse(fallback);
    }

    /**
     * The value under {@code key} as a {@link Secret}. Surrounding whitespace is dropped (a token
     * pasted with its line break); missing or empty, e.g. an unset {@code ${VAR:-}}, means unset.
     */
    public Secret secret(String key) {
        return Secret.of(string(key, "").strip());
    }

    public String requiredString(String key) {
        Optional<ConfigNode> child = field(key);
        if (child.isEmpty()) {
            new ConfigNode(document, node, join(key), interpolate).problem("is required");
            return "";
        }
        String value = child.get().text().orElse("");
        if (value.isBlank()) {
            child.get().problem("must not be empty");
        }
        return value;
    }

    public Duration duration(String key, Duration fallback) {
        return field(key).map(child -> child.asDuration(fallback)).orElse(fallback);
    }

    /**
     * The duration under {@code key}, or the fallback when it is missing. One that {@code allowed}
     * refuses is reported as {@code problem} (what is allowed, e.g. "must be at least 1m") and gives
     * the fallback.
     */
    public Duration duration(String key, Duration fallback, Predicate<Duration> allowed, String problem) {
        Duration value = duration(key, fallback);
        if (allowed.test(value)) {
            return value;
        }
        field(key).orElse(this).problem(problem);
        return fallback;
    }

    public Duration asDuration(Duration fallback) {
        Optional<String> text = text();
        if (text.isEmpty()) {
            return fallback;
        }
        Optional<Duration> parsed = Durations.parse(text.get().trim());
        if (parsed.isEmpty()) {
            problem("\"" + text.get() + "\" is not a duration (use " + Durations.ALLOWED + ")");
            return fallback;
        }
        return parsed.get();
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<ConfigNode> child = field(key);
        if (child.isEmpty()) {
            return fallback;
        }
        String text = child.get().text().orElse("").trim();
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                child.get().problem(value + " is out of range (allowed: " + min + " to " + max + ")");
                return fallback;
            }
            return value;
        } catch (NumberFormatException notNumber) {
            child.get().problem("\"" + text + "\" is not a whole number (allowed: " + min + " to " + max + ")");
            return fallback;
        }
    }

    public boolean bool(String key, boolean fallback) {
        Optional<ConfigNode> child = field(key);
        if (child.isEmpty()) {
            return fallback;
        }
        String text = child.get().text().orElse("").trim();
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                child.get().problem("\"" + text + "\" is not a boolean (allowed: true, false)");
                yield fallback;
            }
        };
    }

    /** The items of a sequence under {@code key}; a missing key is an empty list. */
    public List<ConfigNode> list(String key) {
        return field(key).map(ConfigNode::items).orElse(List.of());
    }

    public List<ConfigNode> items() {
        if (!expect(SequenceNode.class, "a list")) {
            return List.of();
        }
        List<ConfigNode> items = new ArrayList<>();
        List<Node> values = ((SequenceNode) node).getValue();
        for (int i = 0; i < values.size(); i++) {
            items.add(new ConfigNode(document, values.get(i), path + "[" + i + "]", interpolate));
        }
        return items;
    }

    public List<String> stringList(String key) {
        return list(key).stream().map(item -> item.text().orElse("")).toList();
    }

    /** A mapping of names to single values (labels, annotations), in file order. */
    public Map<String, String> stringMap(String key) {
        return field(key).map(ConfigNode::asStringMap).orElse(Map.of());
    }

    public Map<String, String> asStringMap() {
        return asMap(child -> child.text().orElse(""));
    }

    public <T> Map<String, T> asMap(Function<ConfigNode, T> bind) {
        if (!expect(MappingNode.class, "a mapping (key: value)")) {
            return Map.of();
        }
        Map<String, T> values = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            String key = keyOf(tuple);
            ConfigNode child = valueOf(tuple, key);
            if (values.containsKey(key)) {
                child.problem("duplicate key");
            } else {
                values.put(key, bind.apply(child));
            }
        }
        return values;
    }

    private boolean expect(Class<? extends Node> type, String description) {
        if (type.isInstance(node)) {
            return true;
        }
        problem("must be " + description + ", not " + describe(node));
        return false;
    }

    private ConfigNode valueOf(NodeTuple tuple, String key) {
        return new ConfigNode(document, tuple.getValueNode(), join(key), interpolate,
                tuple.getKeyNode().getStartMark().getLine() + 1);
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String keyOf(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "\"" + ((ScalarNode) node).getValue() + "\"";
    }
}
