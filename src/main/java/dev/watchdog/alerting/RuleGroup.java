package dev.watchdog.alerting;

import java.time.Duration;
import java.util.List;

/** A Prometheus rule group. {@code interval} is null when the group uses the poll interval. */
public record RuleGroup(String name, Duration interval, List<AlertRule> rules, String origin) {

    public RuleGroup {
        rules = List.copyOf(rules);
    }
}
