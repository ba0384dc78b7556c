package dev.watchdog.alerting;

import dev.watchdog.prometheus.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;

/**
 * Every rule's alerts, by rule, kept in the store after each evaluation so that a restart
 * resumes pending timers and firing alerts where they were. The store holds each alert as of its last state
 * change: its state and times, with the value and annotations it had then ({@link StoredChanges}); a poll that
 * changes no state writes nothing. Thread-safe: groups evaluate concurrently, Slack handlers read.
 */
public final class AlertTracker {

    /** How the tracker's writes are made: in a transaction that checks this replica still leads, where replicas share a store. */
    public interface WriteFence {
        WriteFence NONE = Runnable::run;

        void run(Runnable write);
    }

    private final Map<AlertRule, RuleStateMachine> machines = new LinkedHashMap<>();
    /**
     * By rule, alerts the store left alone because another source (a webhook, say) holds their open occurrence. They
     * are offered again at every evaluation, unchanged or not: once that source's occurrence ends, the rule's own is
     * recorded (and then announced by the follow-ups), as it was when every poll rewrote every alert.
     */
    private final Map<AlertRule, Set<String>> heldByOthers = new HashMap<>();
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
    public List<AlertTransition> evaluate(AlertRule rule, List<Sample> samples,
            Function<Map<String, String>, Map<String, Double>> figures, Instant now, int limit) {
        GroupOutcome.RuleOutcome outcome = evaluateGroup(List.of(new RuleSamples(rule, samples, figures)), now, limit)
                .rules().get(0);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.transitions();
    }

    /**
     * One evaluation of a rule group (or of any rules evaluated at one time): every rule steps forward, then what
     * changed in what is stored ({@link StoredChanges}) is written in ONE {@link AlertStore#syncAll} call through
     * the fence; an evaluation that changed nothing stored writes nothing. A rule that fails (its limit exceeded,
     * a duplicate label set) is in the outcome, and the others go on. When the write fails, every rule goes back to
     * where it was and the exception is thrown: what could not be recorded did not happen, so the next evaluation
     * raises the same transitions again instead of finding them done and telling nobody.
     *
     * <p>The lock is held only for this: the queries of concurrent groups run outside it.
     */
    public synchronized GroupOutcome evaluateGroup(List<RuleSamples> results, Instant now, int limit) {
        Map<RuleStateMachine, Collection<AlertInstance>> before = new LinkedHashMap<>();
        List<GroupOutcome.RuleOutcome> outcomes = new ArrayList<>();
        List<AlertStore.RuleAlerts> changes = new ArrayList<>();
        for (RuleSamples result : results) {
            RuleStateMachine machine = machines.get(result.rule());
            Collection<AlertInstance> prior = machine.alerts();
            before.put(machine, prior);
            GroupOutcome.RuleOutcome outcome = step(machine, result, now, limit);
            if (outcome.failure() != null && !(outcome.failure() instanceof AlertLimitExceededException)) {
                rollBack(machine, prior);
            }
            outcomes.add(outcome);
            List<AlertInstance> cancelled = outcome.transitions().stream()
                    .filter(transition -> transition.kind() == AlertTransition.Kind.CANCELLED)
                    .map(AlertTransition::alert)
                    .toList();
            List<AlertInstance> changed = StoredChanges.between(prior, machine.alerts(),
                    heldByOthers.getOrDefault(result.rule(), Set.of()));
            if (!changed.isEmpty() || !cancelled.isEmpty()) {
                changes.add(new AlertStore.RuleAlerts(ruleKey(result.rule()), changed, cancelled));
            }
        }
        if (!changes.isEmpty()) {
            Set<String> left = new HashSet<>();
            // Stored before anyone hears of it: what Slack is told must survive a crash.
            try {
                fence.run(() -> left.addAll(store.syncAll(changes)));
            } catch (RuntimeException notRecorded) {
                before.forEach(AlertTracker::rollBack);
                throw notRecorded;
            }
            remember(results, changes, left);
        }
        return new GroupOutcome(outcomes);
    }

    private void remember(List<RuleSamples> results, List<AlertStore.RuleAlerts> written, Set<String> left) {
        Set<String> writtenKeys = new HashSet<>();
        written.forEach(rule -> writtenKeys.add(rule.ruleKey()));
        for (RuleSamples result : results) {
            if (writtenKeys.contains(ruleKey(result.rule()))) {
                Set<String> held = new HashSet<>();
                machines.get(result.rule()).alerts().forEach(alert -> {
                    if (left.contains(alert.fingerprint())) {
                        held.add(alert.fingerprint());
                    }
                });
                if (held.isEmpty()) {
                    heldByOthers.remove(result.rule());
                } else {
                    heldByOthers.put(result.rule(), held);
                }
            }
        }
    }

    private static GroupOutcome.RuleOutcome step(RuleStateMachine machine, RuleSamples result, Instant now, int limit) {
        try {
            List<AlertTransition> transitions = result.figures() != null
                    ? machine.evaluate(result.samples(), result.figures(), now, limit)
                    : machine.evaluate(result.samples(), now, limit);
            return new GroupOutcome.RuleOutcome(result.rule(), transitions, null);
        } catch (AlertLimitExceededException overLimit) {
            return new GroupOutcome.RuleOutcome(result.rule(), overLimit.transitions(), overLimit);
        } catch (RuntimeException failed) {
            return new GroupOutcome.RuleOutcome(result.rule(), List.of(), failed);
        }
    }

    private static void rollBack(RuleStateMachine machine, Collection<AlertInstance> prior) {
        machine.forget();
        prior.forEach(machine::restore);
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
