package dev.watchdog.alerting;

import java.time.Duration;
import java.util.Map;

/**
 * One Prometheus alerting rule, as written in a rule file: {@code alert}, {@code expr},
 * {@code for}, {@code keep_firing_for}, {@code labels}, {@code annotations}. Label and
 * annotation values are templates, expanded per alert instance.
 *
 * @param origin where the rule was written ({@code rules/app.yml:12}), for messages
 * @param query what is sent to Prometheus: {@code expr}, with the recording rules it reads substituted in
 * @param figures for an {@code anomaly:} rule, the query of the figures its annotations may show
 *     ({@link dev.watchdog.alerting.anomaly.AnomalyFigures}); null for other rules
 */
public record AlertRule(
        String name,
        String expr,
        Duration pendingFor,
        Duration keepFiringFor,
        Map<String, String> labels,
        Map<String, String> annotations,
        String group,
        String origin,
        String query,
        String figures) {

    public AlertRule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** A rule whose expression is sent to Prometheus as written. */
    public AlertRule(String name, String expr, Duration pendingFor, Duration keepFiringFor, Map<String, String> labels,
            Map<String, String> annotations, String group, String origin) {
        this(name, expr, pendingFor, keepFiringFor, labels, annotations, group, origin, expr, null);
    }

    public AlertRule withQuery(String newQuery) {
        return new AlertRule(name, expr, pendingFor, keepFiringFor, labels, annotations, group, origin, newQuery,
                figures);
    }

    public AlertRule withFigures(String figuresQuery) {
        return new AlertRule(name, expr, pendingFor, keepFiringFor, labels, annotations, group, origin, query,
                figuresQuery);
    }

    /** Whether this is an {@code anomaly:} rule, whose annotations may show its figures. */
    public boolean isAnomaly() {
        return figures != null;
    }

    public String severity() {
        return labels.getOrDefault("severity", "none");
    }
}
