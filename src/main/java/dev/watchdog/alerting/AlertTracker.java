package dev.watchdog.alerting;

import dev.watchdog.prometheus.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every rule's alerts, by rule, kept in the store after each evaluation so that a restart
 * resumes pending timers and firing alerts where they were. Thread-safe: the poller writes,
 * Slack handlers read.
 */
public final class AlertTracker {

    /** How the tracker's writes are made: in a transaction that checks this replica still leads, where replicas share a store. */
    public interface WriteFence {
        WriteFence NONE = Runnable::run;

        void run(Runnable write);
    }

    private final Map<AlertRule, RuleStateMachine> machines = new LinkedHashMap<>();
    private final AlertStore store;
    private final WriteFence fence;

    public AlertTracker(List<AlertRule> rules, AlertTemplates templates, AlertStore store) {
        this(rules, templates, store, WriteFence.NONE);
    }

    public AlertTracker(List<AlertRule> rules, AlertTemplates templates, AlertStore store, WriteFence fence) {
        this.store = store;
        this.fence = fence;
        rules.forEach(rule -> machines.put(rule, new RuleStateMachine(rule, templates)));
    }

    /** The key under which a rule's alerts are stored; stable across restarts and reorderings. */
    public static String ruleKey(AlertRule rule) {
        return rule.group() + "/" + rule.name();
    }

    /** Loads the alerts that were pending or firing when Watchdog last stopped. */
    public synchronized int restore() {
        Map<String, RuleStateMachine> byKey = new LinkedHashMap<>();
        machines.forEach((rule, machine) -> byKey.putIfAbsent(ruleKey(rule), machine));
        int restored = 0;
        for (StoredAlert stored : store.openAlerts()) {
            RuleStateMachine machine = byKey.get(stored.ruleKey());
            if (machine != null) {
                machine.restore(stored.alert());
                restored++;
            }
        }
        return restored;
    }

    /**
     * Forgets what it holds and loads the open alerts from the store again: for a replica that has
     * just become the leader, whose timers must go on from where the old leader stored them.
     */
    public synchronized int reload() {
        machines.values().forEach(RuleStateMachine::forget);
        return restore();
    }

    public List<AlertTransition> evaluate(AlertRule rule, List<Sample> samples, Instant now) {
        return evaluate(rule, samples, now, 0);
    }

    /**
     * One evaluation of the rule, stored before it returns. Over its group's {@code limit} (0 for none) the rule's
     * alerts are dropped, stored so, and {@link AlertLimitExceededException} says what ended.
     */
    public List<AlertTransition> evaluate(AlertRule rule, List<Sample> samples, Instant now, int limit) {
        return evaluate(rule, samples, null, now, limit);
    }

    /** As {@link #evaluate(AlertRule, List, Instant, int)}, with an anomaly rule's figures by series (null: unknown). */
    public synchronized List<AlertTransition> evaluate(AlertRule rule, List<Sample> samples,
            Function<Map<String, String>, Map<String, Double>> figures, Instant now, int limit) {
        RuleStateMachine machine = machines.get(rule);
        Collection<AlertInstance> before = machine.alerts();
        AlertLimitExceededException exceeded = null;
        List<AlertTransition> transitions;
        try {
            transitions = figures != null ? machine.evaluate(samples, figures, now, limit)
                    : machine.evaluate(samples, now, limit);
        } catch (AlertLimitExceededException overLimit) {
            exceeded = overLimit;
            transitions = overLimit.transitions();
        }
        List<AlertInstance> cancelled = transitions.stream()
                .filter(transition -> transition.kind() == AlertTransition.Kind.CANCELLED)
                .map(AlertTransition::alert)
                .toList();
        // Stored before anyone hears of it: what Slack is told must survive a crash.
        try {
            fence.run(() -> store.syncAlerts(ruleKey(rule), machine.alerts(), cancelled));
        } catch (RuntimeException notRecorded) {
            // What could not be recorded did not happen: the next evaluation starts from the same state
            // and raises the same transitions again, instead of finding them done and telling nobody.
            machine.forget();
            before.forEach(machine::restore);
            throw notRecorded;
        }
        if (exceeded != null) {
            throw exceeded;
        }
        return transitions;
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
