package dev.watchdog.alerting;

import java.time.Duration;
import java.util.Map;

/**
 * One Prometheus alerting rule, as written in a rule file: {@code alert}, {@code expr},
 * {@code for}, {@code keep_firing_for}, {@code labels}, {@code annotations}. Label and
 * annotation values are templates, expanded per alert instance.
 *
 * @param origin where the rule was written ({@code rules/app.yml:12}), for messages
 */
public record AlertRule(
        String name,
        String expr,
        Duration pendingFor,
        Duration keepFiringFor,
        Map<String, String> labels,
        Map<String, String> annotations,
        String group,
        String origin) {

    public AlertRule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public String severity() {
        return labels.getOrDefault("severity", "none");
    }
}
