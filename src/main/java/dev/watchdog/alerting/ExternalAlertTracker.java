package dev.watchdog.alerting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts evaluated elsewhere (Alertmanager webhooks, Prometheus' own alerts) joining the same
 * pipeline as Watchdog's rules: same fingerprints, same store, same Slack messages. An alert
 * that is already open, from any source, is not announced again: senders repeat themselves.
 */
public final class ExternalAlertTracker implements ExternalAlertSink {

    private final AlertStore store;
    private final AlertListener listener;
    private final Clock clock;

    public ExternalAlertTracker(AlertStore store, AlertListener listener, Clock clock) {
        this.store = store;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public void receive(String source, List<ExternalAlert> alerts) {
        List<AlertTransition> transitions;
        synchronized (this) {
            transitions = new ArrayList<>();
            for (ExternalAlert alert : alerts) {
                apply(source, alert).ifPresent(transitions::add);
            }
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
        for (StoredAlert open : store.openAlerts()) {
            if (open.ruleKey().equals(source) && !present.contains(open.fingerprint())) {
                AlertInstance alert = open.alert();
                all.add(new ExternalAlert(alert.labels(), alert.annotations(), false, alert.activeAt(), null, ""));
            }
        }
        receive(source, all);
    }

    private Optional<AlertTransition> apply(String source, ExternalAlert external) {
        String fingerprint = Fingerprint.of(external.labels());
        Optional<StoredAlert> latest = store.latest(fingerprint);
        Optional<StoredAlert> open = latest.filter(stored -> stored.alert().state() != AlertState.RESOLVED);
        Instant now = clock.instant();
        if (external.firing()) {
            if (open.isPresent()) {
                if (open.get().ruleKey().equals(source)) {
                    AlertInstance known = open.get().alert();
                    store.syncAlerts(source, List.of(new AlertInstance(fingerprint, known.ruleName(), known.labels(),
                            external.annotations(), AlertState.FIRING, known.value(), known.activeAt(),
                            known.firedAt(), null, null)), List.of());
                }
                return Optional.empty(); // already announced: a repeat, or raised by another source
            }
            Instant startsAt = external.startsAt() != null ? external.startsAt() : now;
            AlertInstance firing = new AlertInstance(fingerprint, external.labels().getOrDefault("alertname", "?"),
                    external.labels(), external.annotations(), AlertState.FIRING, Double.NaN, startsAt, startsAt,
                    null, null);
            store.syncAlerts(source, List.of(firing), List.of());
            return Optional.of(new AlertTransition(AlertTransition.Kind.FIRING, firing));
        }
        if (open.isEmpty() || !open.get().ruleKey().equals(source)) {
            return Optional.empty(); // never seen firing, already resolved, or owned by another source
        }
        AlertInstance known = open.get().alert();
        Instant endsAt = external.endsAt() != null && !external.endsAt().isAfter(now) ? external.endsAt() : now;
        AlertInstance resolved = new AlertInstance(fingerprint, known.ruleName(), known.labels(),
                external.annotations().isEmpty() ? known.annotations() : external.annotations(), AlertState.RESOLVED,
                known.value(), known.activeAt(), known.firedAt(), endsAt, null);
        store.syncAlerts(source, List.of(resolved), List.of());
        return Optional.of(new AlertTransition(AlertTransition.Kind.RESOLVED, resolved));
    }
}
