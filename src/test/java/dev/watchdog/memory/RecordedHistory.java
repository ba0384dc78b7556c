package dev.watchdog.memory;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.Fingerprint;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.db.Database;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Alert occurrences and recorded causes in a real (in-memory SQLite) store, written the way Watchdog writes them. */
public final class RecordedHistory implements AutoCloseable {

    public static final String CHANNEL = "C0ALERTS01";

    private final Database database = Database.inMemory();
    private final MutableClock clock;
    private final AlertStore alerts;
    private final MemoryStore memory;
    private int posts;

    public RecordedHistory(MutableClock clock) {
        this.clock = clock;
        this.alerts = new SqlAlertStore(database, clock);
        this.memory = new SqlMemoryStore(database);
    }

    public AlertStore alerts() {
        return alerts;
    }

    public MemoryStore memory() {
        return memory;
    }

    public Database database() {
        return database;
    }

    /** An occurrence posted to {@link #CHANNEL}, fired at {@code firedAt}, resolved at {@code resolvedAt} (null: open). */
    public StoredAlert occurrence(String rule, Map<String, String> labels, Instant firedAt, Instant resolvedAt) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put("alertname", rule);
        String fingerprint = Fingerprint.of(all);
        alerts.syncAlerts("g/" + rule, List.of(instance(fingerprint, rule, all, AlertState.FIRING, firedAt, null)),
                List.of());
        long id = alerts.latest(fingerprint).orElseThrow().id();
        alerts.recordMessage(id, new PostedMessage(CHANNEL, "1790000000." + String.format("%06d", ++posts)));
        if (resolvedAt != null) {
            alerts.syncAlerts("g/" + rule, List.of(instance(fingerprint, rule, all, AlertState.RESOLVED, firedAt,
                    resolvedAt)), List.of());
        }
        return alerts.byId(id).orElseThrow();
    }

    /** Records a cause for the occurrence, as the form saves it. */
    public RecordedCause cause(StoredAlert alert, CauseCategory category, String what, String fix, Set<String> evidence,
            String by) {
        RecordedCause cause = new RecordedCause(alert.id(), alert.alert().ruleName(), alert.alert().labels(),
                alert.alert().firedAt(), category, what, fix, null, evidence, by, by.toLowerCase(), clock.instant());
        memory.recordCause(cause);
        return cause;
    }

    private static AlertInstance instance(String fingerprint, String rule, Map<String, String> labels, AlertState state,
            Instant firedAt, Instant resolvedAt) {
        return new AlertInstance(fingerprint, rule, labels, Map.of("summary", rule + " on " + labels.get("service")),
                state, 1, firedAt, firedAt, resolvedAt, null);
    }

    @Override
    public void close() {
        database.close();
    }
}
