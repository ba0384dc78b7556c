package dev.watchdog.agent;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.StoredAlert;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the agent is told about an alert. Labels and annotations are untrusted text: they are
 * redacted and passed to the model as quoted data, never as part of the instructions.
 *
 * @param state    {@code pending}, {@code firing} or {@code resolved}
 * @param value    the value that fired it; NaN for alerts from Alertmanager
 * @param firedAt  when it started firing (or became pending, when it never fired)
 * @param expr     the rule's PromQL expression, or null when Watchdog did not evaluate it
 * @param graphUrl Prometheus' graph page for {@code expr}, or null
 */
public record AlertContext(long id, String ruleName, Map<String, String> labels, Map<String, String> annotations,
        String state, double value, Instant firedAt, String expr, String graphUrl) {

    public AlertContext {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public static AlertContext of(StoredAlert stored, String expr, String graphUrl) {
        AlertInstance alert = stored.alert();
        Instant since = alert.firedAt() != null ? alert.firedAt() : alert.activeAt();
        return new AlertContext(stored.id(), alert.ruleName(), alert.labels(), alert.annotations(),
                alert.state().label(), alert.value(), since, blankToNull(expr), blankToNull(graphUrl));
    }

    /** Labels sorted by name, so prompts and summaries are stable. */
    public Map<String, String> sortedLabels() {
        return new TreeMap<>(labels);
    }

    public Map<String, String> sortedAnnotations() {
        return new TreeMap<>(annotations);
    }

    /** The service the alert is about, as teams usually label it; null when no such label. */
    public String service() {
        for (String label : new String[] {"service", "app", "application", "job"}) {
            String value = labels.get(label);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
