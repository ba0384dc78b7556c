package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Database;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.StoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link AlertStore} keeps and how; a subclass per database runs it. */
abstract class AlertStoreTest extends StoreContract<AlertStore> {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Map<String, String> LABELS = Map.of("alertname", "Down", "job", "api");
    private static final String FP = Fingerprint.of(LABELS);

    private final MutableClock clock = new MutableClock(T0);

    @Override
    protected AlertStore storeOver(Database database) {
        return new SqlAlertStore(database, clock);
    }

    private static AlertInstance alert(AlertState state, Instant activeAt, Instant firedAt, Instant resolvedAt,
            double value) {
        return new AlertInstance(FP, "Down", LABELS, Map.of("summary", "api is down"), state, value, activeAt,
                firedAt, resolvedAt, null);
    }

    private long postedFiringAlert() {
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, 2)), List.of());
        StoredAlert stored = store.latest(FP).orElseThrow();
        store.recordMessage(stored.id(), new PostedMessage("C1", "1700000000.000100"));
        store.confirmRendered(stored.id(), stored.renderVersion());
        return stored.id();
    }

    @Test
    void everyChangeTheMessageMustShowMakesItLagUntilSlackConfirmsTheVersion() {
        long id = postedFiringAlert();
        assertThat(store.lagging()).isEmpty();

        store.acknowledge(id, "U1", T0.plusSeconds(5));
        restart(); // a crash between the store and the edit

        StoredAlert lagging = store.lagging().stream().filter(alert -> alert.id() == id).findFirst().orElseThrow();
        assertThat(lagging.ackedBy()).isEqualTo("U1");
        store.confirmRendered(id, lagging.renderVersion());
        assertThat(store.lagging()).isEmpty();

        store.unacknowledge(id);
        store.recordLikelyCause(id, "a deploy");
        assertThat(store.lagging()).singleElement()
                .satisfies(alert -> assertThat(alert.renderVersion()).isEqualTo(lagging.renderVersion() + 2));
    }

    @Test
    void aNewValueIsNotNewsButANewStateIs() {
        long id = postedFiringAlert();

        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, 7)), List.of());
        assertThat(store.lagging()).isEmpty();

        store.syncAlerts("g/Down", List.of(alert(AlertState.RESOLVED, T0, T0, T0.plusSeconds(90), 0)), List.of());
        assertThat(store.lagging()).extracting(StoredAlert::id).containsExactly(id);
    }

    @Test
    void snoozingAndUnsnoozingRedrawTheOpenOccurrenceAtAnySeverity() {
        long id = postedFiringAlert();
        String key = Snoozes.keyOf(store.byId(id).orElseThrow().alert());

        store.snooze(new Snooze(key, "U1", T0.plus(Duration.ofHours(1)), T0, "critical"));
        long snoozed = store.lagging().get(0).renderVersion();
        store.confirmRendered(id, snoozed);
        store.unsnooze(key);

        assertThat(store.lagging()).singleElement()
                .satisfies(alert -> assertThat(alert.renderVersion()).isEqualTo(snoozed + 1));
    }

    @Test
    void anOlderConfirmationNeverHidesANewerChange() {
        long id = postedFiringAlert();
        long before = store.byId(id).orElseThrow().renderVersion();
        store.acknowledge(id, "U1", T0);
        long acked = store.byId(id).orElseThrow().renderVersion();

        store.confirmRendered(id, acked);
        store.confirmRendered(id, before); // a slower edit of the older version answers last

        assertThat(store.lagging()).isEmpty();
        store.unacknowledge(id);
        assertThat(store.lagging()).hasSize(1);
    }

    @Test
    void onlyOneReplicaClaimsAPostAndARetryClaimsItAgain() {
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, 2)), List.of());
        long id = store.latest(FP).orElseThrow().id();

        assertThat(store.claimPosting(id, null, T0.plusSeconds(1))).as("first replica").isTrue();
        assertThat(store.claimPosting(id, null, T0.plusSeconds(1))).as("second replica, same view").isFalse();
        assertThat(store.claimPosting(id, T0.plusSeconds(1), T0.plusSeconds(301))).as("retry of a failed post")
                .isTrue();
        store.recordMessage(id, new PostedMessage("C1", "1700000000.000100"));
        assertThat(store.claimPosting(id, T0.plusSeconds(301), T0.plusSeconds(400))).as("already in Slack").isFalse();
    }

    @Test
    void keepsAnOccurrenceThroughItsLifeAndAcrossARestart() {
        store.syncAlerts("g/Down", List.of(alert(AlertState.PENDING, T0, null, null, 1)), List.of());
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0.plusSeconds(60), null, 2)), List.of());
        long id = store.latest(FP).orElseThrow().id();
        assertThat(store.claimPosting(id, null, T0.plusSeconds(61))).isTrue();
        store.recordMessage(id, new PostedMessage("C1", "1700000000.000100"));
        store.markNotified(id, T0.plusSeconds(62));

        restart();

        StoredAlert stored = store.openAlerts().get(0);
        assertThat(stored.ruleKey()).isEqualTo("g/Down");
        assertThat(stored.alert()).isEqualTo(alert(AlertState.FIRING, T0, T0.plusSeconds(60), null, 2));
        assertThat(stored.message()).isEqualTo(new PostedMessage("C1", "1700000000.000100"));
        assertThat(stored.postStartedAt()).isEqualTo(T0.plusSeconds(61));
        assertThat(stored.lastNotifiedAt()).isEqualTo(T0.plusSeconds(62));
        assertThat(store.byMessage("C1", "1700000000.000100")).map(StoredAlert::id).contains(id);
        assertThat(store.byMessage("C2", "1700000000.000100")).isEmpty();
    }

    @Test
    void theLikelyCauseStaysWithItsOccurrenceThroughEvaluationsAndARestart() {
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, 1)), List.of());
        long id = store.latest(FP).orElseThrow().id();
        assertThat(store.byId(id).orElseThrow().likelyCause()).isNull();

        store.recordLikelyCause(id, "The v1.5.0 release of checkout.");
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, 3)), List.of());
        restart();

        assertThat(store.byId(id).orElseThrow().likelyCause()).isEqualTo("The v1.5.0 release of checkout.");
        store.syncAlerts("g/Down", List.of(alert(AlertState.RESOLVED, T0, T0, T0.plusSeconds(60), 1)), List.of());
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0.plusSeconds(120), T0.plusSeconds(120), null, 1)),
                List.of());
        assertThat(store.latest(FP).orElseThrow().likelyCause()).as("a new occurrence has no cause yet").isNull();
    }

    @Test
    void aResolvedAlertThatComesBackIsANewOccurrence() {
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, 1)), List.of());
        long first = store.latest(FP).orElseThrow().id();
        store.syncAlerts("g/Down", List.of(alert(AlertState.RESOLVED, T0, T0, T0.plusSeconds(600), 1)), List.of());
        assertThat(store.openAlerts()).isEmpty();

        Instant again = T0.plusSeconds(900);
        store.syncAlerts("g/Down", List.of(alert(AlertState.PENDING, again, null, null, 1)), List.of());

        StoredAlert second = store.latest(FP).orElseThrow();
        assertThat(second.id()).isNotEqualTo(first);
        assertThat(second.alert().activeAt()).isEqualTo(again);
        assertThat(store.byId(first).orElseThrow().alert().resolvedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(store.occurrenceOf(alert(AlertState.RESOLVED, T0, T0, null, 1)).orElseThrow().id()).isEqualTo(first);
    }

    @Test
    void occurrencesBetweenAreThoseOpenAtSomeTimeInThePeriodOldestFirst() {
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, 1)), List.of());
        store.syncAlerts("g/Down", List.of(alert(AlertState.RESOLVED, T0, T0, T0.plusSeconds(600), 1)), List.of());
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0.plusSeconds(3600), T0.plusSeconds(3600), null,
                1)), List.of());

        assertThat(store.occurrencesBetween(T0.minusSeconds(60), T0.plusSeconds(7200)))
                .extracting(stored -> stored.alert().activeAt()).containsExactly(T0, T0.plusSeconds(3600));
        assertThat(store.occurrencesBetween(T0.plusSeconds(601), T0.plusSeconds(3600)))
                .as("the first resolved before the period, the second starts at its (exclusive) end").isEmpty();
        assertThat(store.occurrencesBetween(T0.plusSeconds(600), T0.plusSeconds(3601)))
                .extracting(stored -> stored.alert().activeAt()).containsExactly(T0, T0.plusSeconds(3600));
    }

    @Test
    void aCancelledPendingAlertIsForgotten() {
        AlertInstance pending = alert(AlertState.PENDING, T0, null, null, 1);
        store.syncAlerts("g/Down", List.of(pending), List.of());

        store.syncAlerts("g/Down", List.of(), List.of(pending));

        assertThat(store.latest(FP)).isEmpty();
    }

    @Test
    void anAlertAlreadyOpenFromAnotherSourceIsNotTakenOver() {
        store.syncAlerts("alertmanager", List.of(alert(AlertState.FIRING, T0, T0, null, 1)), List.of());

        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0.plusSeconds(5), T0.plusSeconds(5), null, 3)),
                List.of());
        store.syncAlerts("g/Down", List.of(alert(AlertState.RESOLVED, T0.plusSeconds(5), T0.plusSeconds(5),
                T0.plusSeconds(9), 3)), List.of());

        assertThat(store.openAlerts()).singleElement().satisfies(open -> {
            assertThat(open.ruleKey()).isEqualTo("alertmanager");
            assertThat(open.alert().state()).isEqualTo(AlertState.FIRING);
        });
    }

    @Test
    void acknowledgingRecordsWhoOnceAndNeverChangesTheState() {
        store.syncAlerts("g/Down", List.of(alert(AlertState.RESOLVED, T0, T0, T0.plusSeconds(1), 1)), List.of());
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, 1)), List.of());
        long id = store.latest(FP).orElseThrow().id();
        store.syncAlerts("g/Down", List.of(alert(AlertState.RESOLVED, T0, T0, T0.plusSeconds(60), 1)), List.of());

        assertThat(store.acknowledge(id, "U1", T0.plusSeconds(61))).isTrue();
        assertThat(store.acknowledge(id, "U2", T0.plusSeconds(62))).isFalse();

        StoredAlert acked = store.byId(id).orElseThrow();
        assertThat(acked.ackedBy()).isEqualTo("U1");
        assertThat(acked.ackedAt()).isEqualTo(T0.plusSeconds(61));
        assertThat(acked.alert().state()).isEqualTo(AlertState.RESOLVED);
        store.unacknowledge(id);
        assertThat(store.byId(id).orElseThrow().acknowledged()).isFalse();
    }

    @Test
    void snoozesAreKeptByFingerprintAndReplaced() {
        store.snooze(new Snooze(FP, "U1", T0.plus(Duration.ofHours(1)), T0, "warning"));
        store.snooze(new Snooze(FP, "U2", T0.plus(Duration.ofHours(4)), T0.plusSeconds(5), "warning"));
        restart();

        assertThat(store.snoozeOf(FP)).contains(new Snooze(FP, "U2", T0.plus(Duration.ofHours(4)), T0.plusSeconds(5),
                "warning"));
        assertThat(store.snoozes()).hasSize(1);
        store.unsnooze(FP);
        assertThat(store.snoozeOf(FP)).isEmpty();
    }

    @Test
    void aChannelsIdIsRememberedAndReplaced() {
        store.rememberChannel("#alerts", "C0OLD00001");
        store.rememberChannel("#alerts", "C0ALERTS01");
        restart();

        assertThat(store.channelId("#alerts")).contains("C0ALERTS01");
        assertThat(store.channelId("#other")).isEmpty();
    }

    @Test
    void pruningDeletesOnlyResolvedHistoryOlderThanTheCutoff() {
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, 1)), List.of());
        store.syncAlerts("g/Down", List.of(alert(AlertState.RESOLVED, T0, T0, T0.plusSeconds(60), 1)), List.of());
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0.plusSeconds(100), T0.plusSeconds(100), null, 1)),
                List.of());

        assertThat(store.pruneResolvedBefore(T0.plusSeconds(60))).isZero();
        assertThat(store.pruneResolvedBefore(T0.plusSeconds(61))).isEqualTo(1);
        assertThat(store.openAlerts()).hasSize(1);
    }

    @Test
    void valuesThatSqliteCannotHoldAsRealSurvive() {
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, Double.NaN)), List.of());
        assertThat(store.latest(FP).orElseThrow().alert().value()).isNaN();

        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, Double.POSITIVE_INFINITY)),
                List.of());
        assertThat(store.latest(FP).orElseThrow().alert().value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    private List<Long> savedAt() {
        return database.query("read when alerts were saved", "SELECT updated_at FROM alert_occurrences ORDER BY id",
                row -> row.getLong(1));
    }

    private static AlertInstance series(int i, AlertState state, double value) {
        Map<String, String> labels = Map.of("alertname", "High", "instance", "host-" + i);
        return new AlertInstance(Fingerprint.of(labels), "High", labels, Map.of("summary", "high"), state, value, T0,
                state == AlertState.FIRING ? T0 : null, null, null);
    }

    @Test
    void anAlertThatDidNotChangeWritesNothingAndOneThatDidWritesOnlyItself() {
        List<AlertInstance> firing = java.util.stream.IntStream.range(0, 1_200)
                .mapToObj(i -> series(i, AlertState.FIRING, i)).toList();
        store.syncAll(List.of(new AlertStore.RuleAlerts("g/High", firing, List.of())));
        long firstSave = clock.millis();

        clock.advance(Duration.ofSeconds(10));
        store.syncAll(List.of(new AlertStore.RuleAlerts("g/High", firing, List.of())));
        assertThat(savedAt()).as("more fingerprints than one read takes, none changed").hasSize(1_200)
                .containsOnly(firstSave);

        List<AlertInstance> oneNewValue = new java.util.ArrayList<>(firing);
        oneNewValue.set(7, series(7, AlertState.FIRING, 70));
        store.syncAll(List.of(new AlertStore.RuleAlerts("g/High", oneNewValue, List.of())));
        assertThat(savedAt()).filteredOn(at -> at != firstSave).containsExactly(clock.millis());
        StoredAlert changed = store.latest(firing.get(7).fingerprint()).orElseThrow();
        assertThat(changed.alert().value()).isEqualTo(70);
        assertThat(changed.renderVersion()).as("a value is not news").isEqualTo(
                store.latest(firing.get(8).fingerprint()).orElseThrow().renderVersion());
    }

    @Test
    void newAnnotationsOrAnEndAreWrittenAndOnlyANewStateIsNews() {
        long id = postedFiringAlert();
        long version = store.byId(id).orElseThrow().renderVersion();

        AlertInstance reworded = new AlertInstance(FP, "Down", LABELS, Map.of("summary", "api is still down"),
                AlertState.FIRING, 2, T0, T0, null, null);
        store.syncAlerts("g/Down", List.of(reworded), List.of());
        assertThat(store.byId(id).orElseThrow().alert().annotations()).containsEntry("summary", "api is still down");
        assertThat(store.byId(id).orElseThrow().renderVersion()).isEqualTo(version);

        store.syncAlerts("g/Down", List.of(alert(AlertState.RESOLVED, T0, T0, T0.plusSeconds(60), 2)), List.of());
        StoredAlert resolved = store.byId(id).orElseThrow();
        assertThat(resolved.alert().state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.alert().resolvedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(resolved.renderVersion()).isEqualTo(version + 1);
    }

    @Test
    void oneBatchOfSeveralRulesKeepsEachSourcesOwnOccurrences() {
        store.syncAlerts("alertmanager", List.of(series(1, AlertState.FIRING, 1)), List.of());
        store.syncAlerts("g/High", List.of(series(2, AlertState.PENDING, 2)), List.of());

        store.syncAll(List.of(
                new AlertStore.RuleAlerts("g/High", List.of(series(1, AlertState.FIRING, 9), series(3,
                        AlertState.PENDING, 3)), List.of(series(2, AlertState.PENDING, 2))),
                new AlertStore.RuleAlerts("g/Other", List.of(series(3, AlertState.FIRING, 3)),
                        List.of(series(3, AlertState.PENDING, 3)))));

        StoredAlert raisedElsewhere = store.latest(series(1, AlertState.FIRING, 1).fingerprint()).orElseThrow();
        assertThat(raisedElsewhere.ruleKey()).isEqualTo("alertmanager");
        assertThat(raisedElsewhere.alert().value()).as("not the rule's to change").isEqualTo(1);
        assertThat(store.latest(series(2, AlertState.PENDING, 2).fingerprint())).as("cancelled").isEmpty();
        StoredAlert third = store.latest(series(3, AlertState.PENDING, 3).fingerprint()).orElseThrow();
        assertThat(third.ruleKey()).as("inserted earlier in the same batch").isEqualTo("g/High");
        assertThat(third.alert().state()).as("another rule neither changes nor cancels it")
                .isEqualTo(AlertState.PENDING);
    }

    @Test
    void anAlertInsertedAndChangedInOneBatchEndsAsItsLastChange() {
        store.syncAll(List.of(new AlertStore.RuleAlerts("g/High", List.of(series(4, AlertState.PENDING, 4)), List.of()),
                new AlertStore.RuleAlerts("g/High", List.of(series(4, AlertState.FIRING, 5)), List.of())));

        StoredAlert stored = store.latest(series(4, AlertState.FIRING, 5).fingerprint()).orElseThrow();
        assertThat(stored.alert().state()).isEqualTo(AlertState.FIRING);
        assertThat(stored.alert().firedAt()).isEqualTo(T0);
        assertThat(stored.alert().value()).isEqualTo(5);
    }

    @Test
    void manyAlertsAreReadAtOnceEachAsItsOpenElseItsNewestOccurrence() {
        AlertInstance first = series(1, AlertState.FIRING, 1);
        store.syncAlerts("alertmanager", List.of(first), List.of());
        AlertInstance resolved = new AlertInstance(first.fingerprint(), "High", first.labels(), first.annotations(),
                AlertState.RESOLVED, 1, T0, T0, T0.plusSeconds(60), null);
        store.syncAlerts("alertmanager", List.of(resolved), List.of());
        store.syncAlerts("alertmanager", List.of(series(1, AlertState.FIRING, 2)), List.of()); // firing again
        store.syncAlerts("alertmanager", List.of(series(2, AlertState.FIRING, 3)), List.of());
        store.syncAlerts("alertmanager", List.of(new AlertInstance(series(2, AlertState.FIRING, 3).fingerprint(),
                "High", first.labels(), first.annotations(), AlertState.RESOLVED, 3, T0, T0, T0.plusSeconds(5), null)),
                List.of());

        Map<String, StoredAlert> latest = store.latest(List.of(first.fingerprint(),
                series(2, AlertState.FIRING, 3).fingerprint(), series(3, AlertState.FIRING, 0).fingerprint()));

        assertThat(latest).hasSize(2);
        assertThat(latest.get(first.fingerprint()).alert().state()).isEqualTo(AlertState.FIRING);
        assertThat(latest.get(first.fingerprint()).alert().value()).isEqualTo(2);
        assertThat(latest.get(series(2, AlertState.FIRING, 3).fingerprint()).alert().resolvedAt())
                .isEqualTo(T0.plusSeconds(5));
        assertThat(store.openAlerts("alertmanager")).extracting(StoredAlert::fingerprint)
                .containsExactly(first.fingerprint());
        assertThat(store.openAlerts("g/High")).isEmpty();
    }

    @Test
    void firingAlertsAreCountedBySourceWithEverySourceThere() {
        assertThat(store.firingBySource()).containsExactlyInAnyOrderEntriesOf(Map.of("rules", 0L, "alertmanager", 0L,
                "prometheus", 0L, "watchdog", 0L));
        store.syncAlerts("alertmanager", List.of(series(1, AlertState.FIRING, 1), series(2, AlertState.FIRING, 1)),
                List.of());
        store.syncAlerts("api/High", List.of(series(3, AlertState.FIRING, 1), series(4, AlertState.PENDING, 1)),
                List.of());
        store.syncAlerts(SelfMonitor.GROUP + "/WatchdogPrometheusUnreachable", List.of(series(5, AlertState.FIRING,
                1)), List.of());

        assertThat(store.firingBySource()).containsExactlyInAnyOrderEntriesOf(Map.of("rules", 1L, "alertmanager", 2L,
                "prometheus", 0L, "watchdog", 1L));
    }
}
