package dev.watchdog.alerting;

import dev.watchdog.promql.Expr;
import java.util.Map;

/**
 * One Prometheus recording rule, as written in a rule file: {@code record}, {@code expr}, {@code labels}.
 * Validated at load time; substituted into the alerting rules that read its series
 * ({@link RecordingRuleInliner}).
 *
 * @param query {@code expr}, parsed
 * @param labels the group's labels overridden by the rule's own; plain values, not templates
 * @param origin where the rule was written ({@code rules/app.yml:12}), for messages
 */
public record RecordingRule(String name, String expr, Expr query, Map<String, String> labels, String group,
        String origin) {

    public RecordingRule {
        labels = Map.copyOf(labels);
    }
}
