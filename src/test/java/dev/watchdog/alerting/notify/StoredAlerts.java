package dev.watchdog.alerting.notify;

import dev.watchdog.db.Database;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.alerting.SqlStormStore;
import dev.watchdog.alerting.StormStore;
import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.Fingerprint;
import dev.watchdog.alerting.LabelMatcher;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Firing alerts kept in an in-memory store as the tracker keeps them, on a clock the test moves. */
final class StoredAlerts implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    static final List<Duration> SNOOZE_OPTIONS = List.of(Duration.ofMinutes(15), Duration.ofHours(1));

    final MutableClock clock = new MutableClock(T0);
    final Database database = Database.inMemory();
    final AlertStore store = new SqlAlertStore(database, clock);
    final StormStore storms = new SqlStormStore(database);
    final Snoozes snoozes = new Snoozes(store, SNOOZE_OPTIONS, clock);

    /** An alert that started firing now; its rule name is its {@code alertname} label. */
    AlertInstance firing(Map<String, String> labels, double value) {
        return new AlertInstance(Fingerprint.of(labels), labels.getOrDefault("alertname", "?"), labels,
                Map.of("summary", "something is wrong"), AlertState.FIRING, value, clock.instant(), clock.instant(),
                null, null);
    }

    /** Stores a firing alert, as the tracker does before anything is posted. */
    StoredAlert fire(Map<String, String> labels) {
        AlertInstance alert = firing(labels, 1.0);
        store.syncAlerts("test/" + alert.fingerprint(), List.of(alert), List.of());
        return store.occurrenceOf(alert).orElseThrow();
    }

    /** Matchers as they are written in the config. */
    static List<LabelMatcher> matchers(String... texts) {
        return Stream.of(texts).map(text -> LabelMatcher.parse(text, new StringBuilder()).orElseThrow()).toList();
    }

    /** The alert as the store has it now. */
    StoredAlert reload(StoredAlert alert) {
        return store.byId(alert.id()).orElseThrow();
    }

    @Override
    public void close() {
        database.close();
    }
}
