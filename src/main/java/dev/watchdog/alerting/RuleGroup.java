package dev.watchdog.alerting;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus rule group.
 *
 * @param interval null when the group uses the poll interval
 * @param queryOffset Prometheus 3's {@code query_offset}; null when the group uses the global default
 * @param labels Prometheus 3's group {@code labels}, already merged into each rule's labels
 * @param limit Prometheus' {@code limit} on alerts (and series) per evaluation; 0 for no limit
 */
public record RuleGroup(String name, Duration interval, List<AlertRule> rules, String origin, Duration queryOffset,
        Map<String, String> labels, int limit, List<RecordingRule> recordingRules) {

    public RuleGroup {
        rules = List.copyOf(rules);
        labels = Map.copyOf(labels);
        recordingRules = List.copyOf(recordingRules);
    }

    /** This group, taking {@code queryOffset} when it sets none of its own. */
    public RuleGroup withDefaultQueryOffset(Duration queryOffset) {
        return this.queryOffset != null ? this : new RuleGroup(name, interval, rules, origin, queryOffset, labels,
                limit, recordingRules);
    }

    /** A group of alerting rules with none of the Prometheus 3 keys. */
    public RuleGroup(String name, Duration interval, List<AlertRule> rules, String origin) {
        this(name, interval, rules, origin, null, Map.of(), 0, List.of());
    }
}
