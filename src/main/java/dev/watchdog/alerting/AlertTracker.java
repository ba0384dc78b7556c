package dev.watchdog.alerting;

import dev.watchdog.prometheus.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every rule's alerts, by rule. Thread-safe: the poller writes, Slack handlers read. */
public final class AlertTracker {

    private final Map<AlertRule, RuleStateMachine> machines = new LinkedHashMap<>();

    public AlertTracker(List<AlertRule> rules, AlertTemplates templates) {
        rules.forEach(rule -> machines.put(rule, new RuleStateMachine(rule, templates)));
    }

    public synchronized List<AlertTransition> evaluate(AlertRule rule, List<Sample> samples, Instant now) {
        return machines.get(rule).evaluate(samples, now);
    }

    public List<AlertRule> rules() {
        return List.copyOf(machines.keySet());
    }

    public synchronized List<AlertInstance> alerts(AlertState state) {
        List<AlertInstance> matching = new ArrayList<>();
        machines.values().forEach(machine -> machine.alerts().stream()
                .filter(alert -> alert.state() == state)
                .forEach(matching::add));
        matching.sort(Comparator.comparing(AlertInstance::activeAt));
        return matching;
    }
}
