package dev.watchdog.alerting;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the Prometheus template variables in rule labels and annotations: {@code {{ $value }}},
 * {@code {{ $labels.name }}} and {@code {{ $externalLabels.name }}}.
 */
public final class AlertTemplates {

    private static final Pattern ACTION = Pattern.compile(
            "\\{\\{-?\\s*(\\$value|\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)|\\$externalLabels\\.([a-zA-Z_][a-zA-Z0-9_]*))\\s*-?}}");

    private final Map<String, String> externalLabels;

    public AlertTemplates(Map<String, String> externalLabels) {
        this.externalLabels = Map.copyOf(externalLabels);
    }

    public String expand(String template, Map<String, String> labels, double value) {
        if (!template.contains("{{")) {
            return template;
        }
        Matcher m = ACTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(2) != null) {
                replacement = labels.getOrDefault(m.group(2), "");
            } else if (m.group(3) != null) {
                replacement = externalLabels.getOrDefault(m.group(3), "");
            } else {
                replacement = formatValue(value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Go's %v for float64 as Prometheus prints $value: shortest exact form. */
    static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e21) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
