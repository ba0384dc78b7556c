package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.db.Database;
import dev.watchdog.db.StoreException;
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
    private final Database database = Database.inMemory();
    private final AlertStore store = new SqlAlertStore(database, clock);
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

    private static ExternalAlert firingOn(String instance, String summary) {
        return new ExternalAlert(Map.of("alertname", "HighErrorRate", "instance", instance), Map.of("summary", summary),
                true, T0, null, "");
    }

    private List<Long> savedAt() {
        return database.query("read when alerts were saved", "SELECT updated_at FROM alert_occurrences ORDER BY id",
                row -> row.getLong(1));
    }

    @Test
    void aRepeatedBatchWritesOnlyTheAlertsWhoseAnnotationsChanged() {
        tracker.receive("alertmanager", List.of(firingOn("a", "errors"), firingOn("b", "errors"),
                firingOn("c", "errors")));
        long firstSave = clock.millis();
        clock.advance(Duration.ofMinutes(1));

        tracker.receive("alertmanager", List.of(firingOn("a", "errors"), firingOn("b", "errors, rising"),
                firingOn("c", "errors")));

        assertThat(heard).hasSize(3);
        assertThat(savedAt()).containsExactly(firstSave, clock.millis(), firstSave);
        assertThat(store.openAlerts().get(1).alert().annotations()).containsEntry("summary", "errors, rising");
    }

    @Test
    void aBatchTheStoreRefusesRecordsAndAnnouncesNothingOfIt() {
        database.update("make the store refuse one alert", "CREATE TRIGGER refuse BEFORE INSERT ON alert_occurrences"
                + " WHEN NEW.labels LIKE '%\"refused\"%' BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        assertThatThrownBy(() -> tracker.receive("alertmanager", List.of(firingOn("a", "errors"),
                firingOn("refused", "errors"), firingOn("c", "errors"))))
                .isInstanceOf(StoreException.class).hasMessageContaining("disk full");

        assertThat(heard).isEmpty();
        assertThat(store.openAlerts()).isEmpty();
    }

    @Test
    void aFiringAndAResolutionOfOneAlertInOneBatchAreBothHeard() {
        tracker.receive("alertmanager", List.of(firing(T0), resolved(T0, T0.plusSeconds(30)), firing(T0)));

        assertThat(heard).extracting(AlertTransition::kind).containsExactly(AlertTransition.Kind.FIRING,
                AlertTransition.Kind.RESOLVED, AlertTransition.Kind.FIRING);
        assertThat(database.query("count occurrences", "SELECT count(*) FROM alert_occurrences",
                row -> row.getInt(1))).containsExactly(2);
    }
}
