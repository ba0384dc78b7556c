package dev.watchdog.alerting;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.watchdog.gotemplate.GoRegex;
import dev.watchdog.config.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Alertmanager-style matcher: {@code severity="critical"}, {@code team=~"pay.*"},
 * {@code env!="dev"}, {@code service!~"test-.*"}. A missing label matches as the empty string.
 *
 * <p>Regexes are RE2, the dialect of Prometheus and Alertmanager, so a matcher copied from there means the same
 * here ({@code \pL} and {@code (?P<name>re)} work; backreferences and lookaround are rejected), and they are
 * anchored at both ends as Alertmanager does: {@code ^(?:re)$}.
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
        String quoted = m.group(3);
        String bare = m.group(4) == null ? "" : m.group(4);
        String value = quoted != null ? quoted.replace("\\\"", "\"").replace("\\\\", "\\") : bare;
        String operator = m.group(2);
        Pattern regex = null;
        if (operator.endsWith("~")) {
            // Checked alone first, so the error quotes what the user wrote and "a)|(b" cannot escape the anchors.
            Optional<String> invalid = GoRegex.syntaxError(value);
            if (invalid.isPresent()) {
                error.append("\"").append(value).append("\" is not a valid regex (RE2, as in Prometheus): ")
                        .append(invalid.get());
                return Optional.empty();
            }
            regex = Pattern.compile("^(?:" + value + ")$");
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
            case "=~" -> regex.matches(actual);
            default -> !regex.matches(actual);
        };
    }

    @Override
    public String toString() {
        return label + operator + "\"" + value + "\"";
    }
}
