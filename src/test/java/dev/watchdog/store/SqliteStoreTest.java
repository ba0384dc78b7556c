package dev.watchdog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.Fingerprint;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.testing.MutableClock;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Map<String, String> LABELS = Map.of("alertname", "Down", "job", "api");
    private static final String FP = Fingerprint.of(LABELS);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("data/watchdog.db"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static AlertInstance alert(AlertState state, Instant activeAt, Instant firedAt, Instant resolvedAt,
            double value) {
        return new AlertInstance(FP, "Down", LABELS, Map.of("summary", "api is down"), state, value, activeAt,
                firedAt, resolvedAt, null);
    }

    private void reopen() {
        store.close();
        store = SqliteStore.open(dir.resolve("data/watchdog.db"), clock);
    }

    @Test
    void createsTheDatabaseInWalModeWithTheCurrentSchemaVersion() throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/watchdog.db"));
                var statement = connection.createStatement()) {
            assertThat(statement.executeQuery("PRAGMA journal_mode").getString(1)).isEqualTo("wal");
            assertThat(statement.executeQuery("PRAGMA user_version").getInt(1)).isEqualTo(Migrations.STEPS.size());
        }
    }

    @Test
    void refusesADatabaseWrittenByANewerWatchdog() throws Exception {
        store.close();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/watchdog.db"));
                var statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }

        assertThatThrownBy(() -> SqliteStore.open(dir.resolve("data/watchdog.db"), clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("has schema version 99 but this Watchdog knows only up to "
                        + Migrations.STEPS.size());
        store = SqliteStore.open(dir.resolve("other.db"), clock);
    }

    @Test
    void keepsAnOccurrenceThroughItsLifeAndAcrossARestart() {
        store.syncAlerts("g/Down", List.of(alert(AlertState.PENDING, T0, null, null, 1)), List.of());
        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0.plusSeconds(60), null, 2)), List.of());
        long id = store.latest(FP).orElseThrow().id();
        store.markPosting(id, T0.plusSeconds(61));
        store.recordMessage(id, new PostedMessage("C1", "1700000000.000100"));

        reopen();

        StoredAlert stored = store.openAlerts().get(0);
        assertThat(stored.ruleKey()).isEqualTo("g/Down");
        assertThat(stored.alert()).isEqualTo(alert(AlertState.FIRING, T0, T0.plusSeconds(60), null, 2));
        assertThat(stored.message()).isEqualTo(new PostedMessage("C1", "1700000000.000100"));
        assertThat(stored.postStartedAt()).isEqualTo(T0.plusSeconds(61));
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
        reopen();

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
        reopen();

        assertThat(store.snoozeOf(FP)).contains(new Snooze(FP, "U2", T0.plus(Duration.ofHours(4)), T0.plusSeconds(5),
                "warning"));
        assertThat(store.snoozes()).hasSize(1);
        store.unsnooze(FP);
        assertThat(store.snoozeOf(FP)).isEmpty();
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

        store.syncAlerts("g/Down", List.of(alert(AlertState.FIRING, T0, T0, null, Double.POSITIVE_INFINITY)), List.of());
        assertThat(store.latest(FP).orElseThrow().alert().value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void conversationsAndTokenUsageSurviveARestart() {
        store.saveConversation("C1:1.2", "[{\"type\":\"USER\"}]", T0);
        store.saveConversation("C1:1.2", "[{\"type\":\"USER\"},{\"type\":\"AI\"}]", T0.plusSeconds(1));
        store.recordTokenUsage("C1:1.2", "analysis", 1200, 300, T0);
        store.recordTokenUsage("C1:1.2", "question", 800, 100, T0.plusSeconds(5));
        reopen();

        assertThat(store.conversation("C1:1.2")).contains("[{\"type\":\"USER\"},{\"type\":\"AI\"}]");
        assertThat(store.tokenUsage("C1:1.2")).isEqualTo(new TokenTotals(2000, 400));
        assertThat(store.tokenUsage("other")).isEqualTo(new TokenTotals(0, 0));
        store.deleteConversation("C1:1.2");
        assertThat(store.conversation("C1:1.2")).isEmpty();
    }
}
