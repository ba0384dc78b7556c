package dev.watchdog.alerting.notify;

import dev.watchdog.config.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager-style matcher: {@code severity="critical"}, {@code team=~"pay.*"},
 * {@code env!="dev"}, {@code service!~"test-.*"}. Regexes are anchored, as in Alertmanager.
 * A missing label matches as the empty string.
 */
public record LabelMatcher(String label, String operator, String value, Pattern regex) {

    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\"\\s=~!][^\"\\s]*)?)\\s*");

    /** Parses a matcher; empty with the reason in {@code error} when it does not parse. */
    public static Optional<LabelMatcher> parse(String text, StringBuilder error) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            error.append("\"").append(text).append("\" is not a matcher (use label=\"value\", label!=\"value\","
                    + " label=~\"regex\" or label!~\"regex\")");
            return Optional.empty();
        }
        String value = m.group(3) != null ? m.group(3).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(4);
        String operator = m.group(2);
        Pattern regex = null;
        if (operator.endsWith("~")) {
            try {
                regex = Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException invalid) {
                error.append("\"").append(value).append("\" is not a valid regex: ").append(invalid.getDescription());
                return Optional.empty();
            }
        }
        return Optional.of(new LabelMatcher(m.group(1), operator, value, regex));
    }

    /** Binds a list of matchers from the config, reporting each one that does not parse at its line. */
    public static List<LabelMatcher> bindAll(List<ConfigNode> nodes) {
        List<LabelMatcher> matchers = new ArrayList<>();
        for (ConfigNode node : nodes) {
            StringBuilder error = new StringBuilder();
            parse(node.text().orElse(""), error).ifPresentOrElse(matchers::add, () -> node.problem(error.toString()));
        }
        return matchers;
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (operator) {
            case "=" -> actual.equals(value);
            case "!=" -> !actual.equals(value);
            case "=~" -> regex.matcher(actual).matches();
            default -> !regex.matcher(actual).matches();
        };
    }

    @Override
    public String toString() {
        return label + operator + "\"" + value + "\"";
    }
}
