package dev.watchdog.alerting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alerts evaluated elsewhere (Alertmanager webhooks, Prometheus' own alerts) joining the same
 * pipeline as Watchdog's rules: same fingerprints, same store, same Slack messages. An alert
 * that is already open, from any source, is not announced again: senders repeat themselves.
 *
 * <p>A batch is read from the store at once and written in one transaction, holding only what changed: a repeated
 * firing alert with the same annotations writes nothing. Should the write fail, nothing of the batch is recorded
 * or announced, and the sender's retry starts over.
 */
public final class ExternalAlertTracker implements ExternalAlertSink {

    private final AlertStore store;
    private final AlertListener listener;
    private final Clock clock;

    /** What the store holds of an alert, as the batch leaves it so far. */
    private record Known(String ruleKey, AlertInstance alert) {

        boolean open() {
            return alert.state() != AlertState.RESOLVED;
        }
    }

    public ExternalAlertTracker(AlertStore store, AlertListener listener, Clock clock) {
        this.store = store;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public void receive(String source, List<ExternalAlert> alerts) {
        List<AlertTransition> transitions;
        synchronized (this) {
            transitions = apply(source, alerts);
        }
        if (!transitions.isEmpty()) {
            listener.onTransitions(transitions);
        }
    }

    /**
     * For a source that reports everything that fires each time (Prometheus' /api/v1/alerts):
     * an alert from it that is open here but absent from {@code firing} has resolved.
     */
    public void reconcile(String source, List<ExternalAlert> firing) {
        Set<String> present = new HashSet<>();
        firing.forEach(alert -> present.add(Fingerprint.of(alert.labels())));
        List<ExternalAlert> all = new ArrayList<>(firing);
        for (StoredAlert open : store.openAlerts(source)) {
            if (!present.contains(open.fingerprint())) {
                AlertInstance alert = open.alert();
                all.add(new ExternalAlert(alert.labels(), alert.annotations(), false, alert.activeAt(), null, ""));
            }
        }
        receive(source, all);
    }

    private List<AlertTransition> apply(String source, List<ExternalAlert> alerts) {
        List<String> fingerprints = alerts.stream().map(alert -> Fingerprint.of(alert.labels())).toList();
        Map<String, Known> known = new HashMap<>();
        store.latest(fingerprints)
                .forEach((fingerprint, stored) -> known.put(fingerprint, new Known(stored.ruleKey(), stored.alert())));
        Instant now = clock.instant();
        List<AlertInstance> changed = new ArrayList<>();
        List<AlertTransition> transitions = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            ExternalAlert external = alerts.get(i);
            String fingerprint = fingerprints.get(i);
            Known before = known.get(fingerprint);
            Known open = before != null && before.open() ? before : null;
            AlertInstance written = external.firing() ? firing(source, external, fingerprint, open, now)
                    : resolved(source, external, open, now);
            if (written == null) {
                continue;
            }
            changed.add(written);
            known.put(fingerprint, new Known(source, written));
            if (open == null || written.state() == AlertState.RESOLVED) {
                transitions.add(new AlertTransition(open == null ? AlertTransition.Kind.FIRING
                        : AlertTransition.Kind.RESOLVED, written));
            }
        }
        if (!changed.isEmpty()) {
            store.syncAll(List.of(new AlertStore.RuleAlerts(source, changed, List.of())));
        }
        return transitions;
    }

    /** What to write for a firing alert, or null: a repeat, or an alert another source raised first. */
    private static AlertInstance firing(String source, ExternalAlert external, String fingerprint, Known open,
            Instant now) {
        if (open != null) {
            AlertInstance stored = open.alert();
            if (!open.ruleKey().equals(source) || stored.annotations().equals(external.annotations())) {
                return null; // already announced: a repeat, or raised by another source
            }
            return new AlertInstance(fingerprint, stored.ruleName(), stored.labels(), external.annotations(),
                    AlertState.FIRING, stored.value(), stored.activeAt(), stored.firedAt(), null, null);
        }
        Instant startsAt = external.startsAt() != null ? external.startsAt() : now;
        return new AlertInstance(fingerprint, external.labels().getOrDefault("alertname", "?"), external.labels(),
                external.annotations(), AlertState.FIRING, Double.NaN, startsAt, startsAt, null, null);
    }

    /** The resolution to write, or null: never seen firing, already resolved, or owned by another source. */
    private static AlertInstance resolved(String source, ExternalAlert external, Known open, Instant now) {
        if (open == null || !open.ruleKey().equals(source)) {
            return null;
        }
        AlertInstance stored = open.alert();
        Instant endsAt = external.endsAt() != null && !external.endsAt().isAfter(now) ? external.endsAt() : now;
        return new AlertInstance(stored.fingerprint(), stored.ruleName(), stored.labels(),
                external.annotations().isEmpty() ? stored.annotations() : external.annotations(), AlertState.RESOLVED,
                stored.value(), stored.activeAt(), stored.firedAt(), endsAt, null);
    }
}
