package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Database;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalAlertTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Map<String, String> LABELS = Map.of("alertname", "HighErrorRate", "job", "api");

    private final MutableClock clock = new MutableClock(T0);
    private final AlertStore store = new SqlAlertStore(Database.inMemory(), clock);
    private final List<AlertTransition> heard = new ArrayList<>();
    private final ExternalAlertTracker tracker = new ExternalAlertTracker(store, heard::addAll, clock);

    private static ExternalAlert firing(Instant startsAt) {
        return new ExternalAlert(LABELS, Map.of("summary", "errors"), true, startsAt, null, "http://prom/graph");
    }

    private static ExternalAlert resolved(Instant startsAt, Instant endsAt) {
        return new ExternalAlert(LABELS, Map.of("summary", "errors"), false, startsAt, endsAt, "");
    }

    @Test
    void aFiringAlertIsStoredThenAnnouncedOnceHoweverOftenItIsResent() {
        tracker.receive("alertmanager", List.of(firing(T0.minusSeconds(60))));
        clock.advance(Duration.ofMinutes(5));
        tracker.receive("alertmanager", List.of(firing(T0.minusSeconds(60))));

        assertThat(heard).extracting(AlertTransition::kind).containsExactly(AlertTransition.Kind.FIRING);
        AlertInstance alert = heard.get(0).alert();
        assertThat(alert.fingerprint()).isEqualTo(Fingerprint.of(LABELS));
        assertThat(alert.ruleName()).isEqualTo("HighErrorRate");
        assertThat(alert.firedAt()).isEqualTo(T0.minusSeconds(60));
        assertThat(alert.value()).isNaN();
        StoredAlert stored = store.openAlerts().get(0);
        assertThat(stored.ruleKey()).isEqualTo("alertmanager");
    }

    @Test
    void aResolvedAlertResolvesItsOccurrenceAtItsEndTime() {
        tracker.receive("alertmanager", List.of(firing(T0)));
        clock.advance(Duration.ofMinutes(10));

        tracker.receive("alertmanager", List.of(resolved(T0, T0.plusSeconds(420))));

        assertThat(heard).extracting(AlertTransition::kind)
                .containsExactly(AlertTransition.Kind.FIRING, AlertTransition.Kind.RESOLVED);
        assertThat(heard.get(1).alert().resolvedAt()).isEqualTo(T0.plusSeconds(420));
        assertThat(store.openAlerts()).isEmpty();
    }

    @Test
    void resolvingSomethingNeverSeenFiringChangesNothing() {
        tracker.receive("alertmanager", List.of(resolved(T0, T0.plusSeconds(60))));

        assertThat(heard).isEmpty();
        assertThat(store.latest(Fingerprint.of(LABELS))).isEmpty();
    }

    @Test
    void anAlertAlreadyRaisedByAWatchdogRuleIsNotAnnouncedAgainNorResolvedByTheOtherSource() {
        AlertInstance fromRule = new AlertInstance(Fingerprint.of(LABELS), "HighErrorRate", LABELS, Map.of(),
                AlertState.FIRING, 0.2, T0, T0, null, null);
        store.syncAlerts("api/HighErrorRate", List.of(fromRule), List.of());

        tracker.receive("alertmanager", List.of(firing(T0)));
        tracker.receive("alertmanager", List.of(resolved(T0, T0.plusSeconds(5))));

        assertThat(heard).isEmpty();
        assertThat(store.openAlerts()).singleElement()
                .satisfies(open -> assertThat(open.ruleKey()).isEqualTo("api/HighErrorRate"));
    }

    @Test
    void reconcilingResolvesWhatTheSourceNoLongerReports() {
        Map<String, String> other = Map.of("alertname", "DiskFull", "instance", "db-1");
        tracker.reconcile("prometheus", List.of(firing(T0),
                new ExternalAlert(other, Map.of(), true, T0, null, "")));
        clock.advance(Duration.ofSeconds(30));

        tracker.reconcile("prometheus", List.of(firing(T0)));

        assertThat(heard).extracting(t -> t.kind() + " " + t.alert().ruleName()).containsExactly(
                "FIRING HighErrorRate", "FIRING DiskFull", "RESOLVED DiskFull");
        assertThat(heard.get(2).alert().resolvedAt()).isEqualTo(T0.plusSeconds(30));
    }
}
