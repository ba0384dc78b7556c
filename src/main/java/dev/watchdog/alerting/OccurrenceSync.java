package dev.watchdog.alerting;

import dev.watchdog.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One batch of {@link AlertStore.RuleAlerts} written inside the caller's transaction, touching only rows that
 * change: the open occurrences of every fingerprint involved are read with a few statements first, and an alert
 * whose state, value, annotations and times equal what is stored writes nothing. At 10,000 firing series that do
 * not change, a poll then writes no row at all.
 */
final class OccurrenceSync {

    private static final String SELECT_OPEN = "SELECT id, fingerprint, rule_key, state, value, annotations, fired_at,"
            + " resolved_at, keep_firing_since FROM alert_occurrences WHERE state <> 'resolved' AND ";

    /** What an open occurrence holds that an evaluation may change. */
    private record Open(long id, String fingerprint, String ruleKey, String state, Double value, String annotations,
            Long firedAt, Long resolvedAt, Long keepFiringSince) {
    }

    private final Sql sql;
    private final long now;
    /** Open occurrences by fingerprint, as this batch leaves them. */
    private final Map<String, Open> open = new HashMap<>();
    /** Fingerprints this batch inserted: whether the insert won a race is unknown until they are read again. */
    private final Set<String> inserted = new HashSet<>();
    /** Fingerprints of alerts left alone: another source holds their open occurrence. */
    private final Set<String> leftToOthers = new LinkedHashSet<>();

    private OccurrenceSync(Sql sql, long now) {
        this.sql = sql;
        this.now = now;
    }

    /** Writes the batch; returns the fingerprints it left to another source (see {@link AlertStore#syncAll}). */
    static Set<String> write(Sql sql, List<AlertStore.RuleAlerts> batch, long now) throws SQLException {
        OccurrenceSync sync = new OccurrenceSync(sql, now);
        Set<String> fingerprints = new LinkedHashSet<>();
        for (AlertStore.RuleAlerts rule : batch) {
            rule.changed().forEach(alert -> fingerprints.add(alert.fingerprint()));
            rule.cancelled().forEach(alert -> fingerprints.add(alert.fingerprint()));
        }
        sync.readOpen(fingerprints);
        for (AlertStore.RuleAlerts rule : batch) {
            for (AlertInstance alert : rule.changed()) {
                sync.record(rule.ruleKey(), alert);
            }
            for (AlertInstance alert : rule.cancelled()) {
                sync.cancel(rule.ruleKey(), alert.fingerprint());
            }
        }
        return sync.leftToOthers;
    }

    private void readOpen(Set<String> fingerprints) throws SQLException {
        for (FingerprintChunks.Chunk chunk : FingerprintChunks.of(fingerprints)) {
            for (Open occurrence : sql.query(SELECT_OPEN + "fingerprint IN " + chunk.placeholders(),
                    OccurrenceSync::open, chunk.fingerprints())) {
                open.put(occurrence.fingerprint(), occurrence);
            }
        }
    }

    private Optional<Open> openOf(String fingerprint) throws SQLException {
        if (inserted.remove(fingerprint)) {
            sql.first(SELECT_OPEN + "fingerprint = ?", OccurrenceSync::open, fingerprint)
                    .ifPresent(occurrence -> open.put(fingerprint, occurrence));
        }
        return Optional.ofNullable(open.get(fingerprint));
    }

    private void record(String ruleKey, AlertInstance alert) throws SQLException {
        Optional<Open> stored = openOf(alert.fingerprint());
        if (stored.isEmpty()) {
            if (alert.state() != AlertState.RESOLVED) {
                insert(ruleKey, alert);
            }
        } else if (stored.get().ruleKey().equals(ruleKey)) {
            update(stored.get(), alert);
        } else if (alert.state() != AlertState.RESOLVED) {
            leftToOthers.add(alert.fingerprint()); // another source raised it first; it stays that source's
        }
    }

    private void insert(String ruleKey, AlertInstance alert) throws SQLException {
        sql.update("INSERT INTO alert_occurrences (fingerprint, rule_key, rule_name, labels, annotations, state, value,"
                + " active_at, fired_at, resolved_at, keep_firing_since, updated_at, snooze_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                // Another replica (a webhook) may have opened this alert since we looked: its occurrence stays.
                + " ON CONFLICT (fingerprint) WHERE state <> 'resolved' DO NOTHING", alert.fingerprint(), ruleKey,
                alert.ruleName(), SqlAlertStore.json(alert.labels()), SqlAlertStore.json(alert.annotations()),
                alert.state().label(), SqlAlertStore.value(alert.value()), alert.activeAt(), alert.firedAt(),
                alert.resolvedAt(), alert.keepFiringSince(), now, Snoozes.keyOf(alert));
        inserted.add(alert.fingerprint());
    }

    private void update(Open stored, AlertInstance alert) throws SQLException {
        Open next = new Open(stored.id(), stored.fingerprint(), stored.ruleKey(), alert.state().label(),
                SqlAlertStore.value(alert.value()), SqlAlertStore.json(alert.annotations()),
                stored.firedAt() != null ? stored.firedAt() : millis(alert.firedAt()), millis(alert.resolvedAt()),
                millis(alert.keepFiringSince()));
        if (next.equals(stored)) {
            return; // nothing the row holds would change
        }
        // A new value each poll is not news; a new state (firing, resolved) is, and its message must show it.
        sql.update("UPDATE alert_occurrences SET render_version = render_version + ?, state = ?, value = ?,"
                + " annotations = ?, fired_at = ?, resolved_at = ?, keep_firing_since = ?, updated_at = ? WHERE id = ?",
                next.state().equals(stored.state()) ? 0 : 1, next.state(), next.value(), next.annotations(),
                next.firedAt(), next.resolvedAt(), next.keepFiringSince(), now, stored.id());
        if (alert.state() == AlertState.RESOLVED) {
            open.remove(stored.fingerprint());
        } else {
            open.put(stored.fingerprint(), next);
        }
    }

    private void cancel(String ruleKey, String fingerprint) throws SQLException {
        Optional<Open> stored = openOf(fingerprint);
        if (stored.isPresent() && stored.get().ruleKey().equals(ruleKey) && stored.get().state().equals("pending")) {
            sql.update("DELETE FROM alert_occurrences WHERE id = ?", stored.get().id());
            open.remove(fingerprint);
        }
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static Open open(ResultSet row) throws SQLException {
        double value = row.getDouble("value");
        return new Open(row.getLong("id"), row.getString("fingerprint"), row.getString("rule_key"),
                row.getString("state"), row.wasNull() ? null : value, row.getString("annotations"),
                Sql.longOrNull(row, "fired_at"), Sql.longOrNull(row, "resolved_at"),
                Sql.longOrNull(row, "keep_firing_since"));
    }
}
