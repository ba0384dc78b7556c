package dev.watchdog.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.db.Database;
import dev.watchdog.db.Sql;
import dev.watchdog.slack.PostedMessage;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Alert occurrences, snoozes and channel ids in the {@link Database}. */
public final class SqlAlertStore implements AlertStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    static final String SELECT_OCCURRENCES = "SELECT id, fingerprint, rule_key, rule_name, labels,"
            + " annotations, state, value, active_at, fired_at, resolved_at, keep_firing_since, slack_channel,"
            + " slack_ts, post_started_at, acked_by, acked_at, last_notified_at, likely_cause, render_version,"
            + " storm_id FROM alert_occurrences ";
    /** Added to a statement that changes what the alert's message shows: the message must be redrawn. */
    private static final String REDRAW = "render_version = render_version + 1";
    private static final String SELECT_SNOOZES = "SELECT fingerprint, snoozed_by, until, created_at, severity"
            + " FROM snoozes ";

    private final Database database;
    private final Clock clock;

    /** {@code clock} stamps when an occurrence was last saved. */
    public SqlAlertStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public void syncAlerts(String ruleKey, Collection<AlertInstance> current, Collection<AlertInstance> cancelled) {
        syncAll(List.of(new RuleAlerts(ruleKey, current, cancelled)));
    }

    @Override
    public Set<String> syncAll(List<RuleAlerts> batch) {
        if (batch.isEmpty()) {
            return Set.of();
        }
        String what = batch.size() == 1 ? "save alerts of " + batch.get(0).ruleKey()
                : "save alerts of " + batch.size() + " rules";
        return database.inTransaction(what, sql -> OccurrenceSync.write(sql, batch, clock.millis()));
    }

    @Override
    public List<StoredAlert> openAlerts() {
        return database.query("read open alerts", SELECT_OCCURRENCES + "WHERE state <> 'resolved' ORDER BY id",
                SqlAlertStore::storedAlert);
    }

    @Override
    public List<StoredAlert> openAlerts(String ruleKey) {
        return database.query("read open alerts of " + ruleKey, SELECT_OCCURRENCES
                + "WHERE state <> 'resolved' AND rule_key = ? ORDER BY id", SqlAlertStore::storedAlert, ruleKey);
    }

    @Override
    public Map<String, Long> firingBySource() {
        Map<String, Long> counts = new TreeMap<>();
        AlertSources.ALL.forEach(source -> counts.put(source, 0L));
        // "<> 'resolved'" lets the partial index of open occurrences serve the count.
        database.query("count firing alerts", "SELECT " + AlertSources.OF_RULE_KEY + ", count(*) FROM alert_occurrences"
                + " WHERE state <> 'resolved' AND state = 'firing' GROUP BY 1", row -> counts.put(row.getString(1),
                row.getLong(2)));
        return counts;
    }

    @Override
    public Map<String, StoredAlert> latest(Collection<String> fingerprints) {
        return database.run("read " + fingerprints.size() + " alerts", sql -> {
            Map<String, StoredAlert> latest = new HashMap<>();
            for (FingerprintChunks.Chunk chunk : FingerprintChunks.of(fingerprints)) {
                Object[] twice = new Object[chunk.fingerprints().length * 2];
                System.arraycopy(chunk.fingerprints(), 0, twice, 0, chunk.fingerprints().length);
                System.arraycopy(chunk.fingerprints(), 0, twice, chunk.fingerprints().length,
                        chunk.fingerprints().length);
                // The open ones, and the newest of each: an open one wins, else the newest.
                for (StoredAlert stored : sql.query(SELECT_OCCURRENCES + "WHERE fingerprint IN " + chunk.placeholders()
                        + " AND (state <> 'resolved' OR id IN (SELECT max(id) FROM alert_occurrences"
                        + " WHERE fingerprint IN " + chunk.placeholders() + " GROUP BY fingerprint))",
                        SqlAlertStore::storedAlert, twice)) {
                    latest.merge(stored.fingerprint(), stored, (one, other) ->
                            one.alert().state() != AlertState.RESOLVED ? one : other);
                }
            }
            return latest;
        });
    }

    @Override
    public Optional<StoredAlert> latest(String fingerprint) {
        return database.run("read alert " + fingerprint, sql -> latest(sql, fingerprint));
    }

    private static Optional<StoredAlert> latest(Sql sql, String fingerprint) throws SQLException {
        return sql.first(SELECT_OCCURRENCES + "WHERE fingerprint = ? ORDER BY (state <> 'resolved') DESC, id DESC"
                + " LIMIT 1", SqlAlertStore::storedAlert, fingerprint);
    }

    @Override
    public Optional<StoredAlert> occurrenceOf(AlertInstance alert) {
        return database.run("read alert " + alert.fingerprint(), sql -> {
            Optional<StoredAlert> exact = sql.first(SELECT_OCCURRENCES + "WHERE fingerprint = ? AND active_at = ?",
                    SqlAlertStore::storedAlert, alert.fingerprint(), alert.activeAt());
            return exact.isPresent() ? exact : latest(sql, alert.fingerprint());
        });
    }

    @Override
    public Optional<StoredAlert> byMessage(String channel, String ts) {
        return database.first("read the alert of message " + ts, SELECT_OCCURRENCES
                + "WHERE slack_channel = ? AND slack_ts = ?", SqlAlertStore::storedAlert, channel, ts);
    }

    @Override
    public Optional<StoredAlert> byId(long id) {
        return database.first("read alert #" + id, SELECT_OCCURRENCES + "WHERE id = ?", SqlAlertStore::storedAlert, id);
    }

    @Override
    public boolean claimPosting(long id, Instant previous, Instant at) {
        return database.update("note a post of alert #" + id, "UPDATE alert_occurrences SET post_started_at = ?"
                + " WHERE id = ? AND slack_ts IS NULL AND COALESCE(post_started_at, -1) = ?", at, id,
                previous == null ? -1L : previous.toEpochMilli()) == 1;
    }

    @Override
    public void recordMessage(long id, PostedMessage message) {
        database.update("record the Slack message of alert #" + id,
                "UPDATE alert_occurrences SET slack_channel = ?, slack_ts = ? WHERE id = ?", message.channel(),
                message.ts(), id);
    }

    @Override
    public void markNotified(long id, Instant at) {
        database.update("note a notification of alert #" + id,
                "UPDATE alert_occurrences SET last_notified_at = ? WHERE id = ?", at, id);
    }

    @Override
    public void recordLikelyCause(long id, String cause) {
        database.update("record the likely cause of alert #" + id,
                "UPDATE alert_occurrences SET likely_cause = ?, " + REDRAW + " WHERE id = ?", cause, id);
    }

    @Override
    public void rememberChannel(String name, String id) {
        database.update("remember channel " + name, database.dialect().upsert("slack_channels", "name", "id"), name,
                id);
    }

    @Override
    public Optional<String> channelId(String name) {
        return database.first("read channel " + name, "SELECT id FROM slack_channels WHERE name = ?",
                row -> row.getString(1), name);
    }

    @Override
    public boolean acknowledge(long id, String userId, Instant at) {
        return database.update("acknowledge alert #" + id, "UPDATE alert_occurrences SET acked_by = ?, acked_at = ?, "
                + REDRAW + " WHERE id = ? AND acked_by IS NULL", userId, at, id) == 1;
    }

    @Override
    public void unacknowledge(long id) {
        database.update("un-acknowledge alert #" + id, "UPDATE alert_occurrences SET acked_by = NULL, acked_at = NULL, "
                + REDRAW + " WHERE id = ?", id);
    }

    @Override
    public void snooze(Snooze snooze) {
        database.inTransaction("snooze " + snooze.key(), sql -> {
            sql.update(database.dialect().upsert("snoozes", "fingerprint", "snoozed_by", "until", "created_at",
                    "severity"), snooze.key(), snooze.snoozedBy(), snooze.until(), snooze.createdAt(),
                    snooze.severity());
            return redrawSnoozed(sql, snooze.key());
        });
    }

    @Override
    public void unsnooze(String key) {
        database.inTransaction("unsnooze " + key, sql -> {
            if (sql.update("DELETE FROM snoozes WHERE fingerprint = ?", key) > 0) {
                redrawSnoozed(sql, key);
            }
            return null;
        });
    }

    private static Void redrawSnoozed(Sql sql, String key) throws SQLException {
        sql.update("UPDATE alert_occurrences SET " + REDRAW + " WHERE snooze_key = ? AND state <> 'resolved'", key);
        return null;
    }

    @Override
    public List<StoredAlert> lagging() {
        return database.query("read alerts whose message lags", SELECT_OCCURRENCES
                + "WHERE slack_ts IS NOT NULL AND slack_version < render_version ORDER BY id",
                SqlAlertStore::storedAlert);
    }

    @Override
    public void confirmRendered(long id, long version) {
        database.update("note what Slack shows of alert #" + id, "UPDATE alert_occurrences SET slack_version = ?"
                + " WHERE id = ? AND slack_version < ?", version, id, version);
    }

    @Override
    public Optional<Snooze> snoozeOf(String fingerprint) {
        return database.first("read snoozes", SELECT_SNOOZES + "WHERE fingerprint = ?", SqlAlertStore::snooze,
                fingerprint);
    }

    @Override
    public List<Snooze> snoozes() {
        return database.query("read snoozes", SELECT_SNOOZES + "ORDER BY until", SqlAlertStore::snooze);
    }

    @Override
    public List<StoredAlert> occurrencesBetween(Instant from, Instant to) {
        return database.query("read alerts for a report", SELECT_OCCURRENCES + "WHERE active_at < ?"
                + " AND (resolved_at IS NULL OR resolved_at >= ?) ORDER BY active_at, id", SqlAlertStore::storedAlert,
                to, from);
    }

    @Override
    public int pruneResolvedBefore(Instant cutoff) {
        return database.update("prune resolved alerts", "DELETE FROM alert_occurrences WHERE state = 'resolved'"
                + " AND resolved_at < ?", cutoff);
    }

    private static Snooze snooze(ResultSet row) throws SQLException {
        return new Snooze(row.getString("fingerprint"), row.getString("snoozed_by"), Sql.instant(row, "until"),
                Sql.instant(row, "created_at"), row.getString("severity"));
    }

    static StoredAlert storedAlert(ResultSet row) throws SQLException {
        double value = row.getDouble("value");
        if (row.wasNull()) {
            value = Double.NaN; // SQLite has no NaN; it was stored as NULL
        }
        AlertInstance alert = new AlertInstance(row.getString("fingerprint"), row.getString("rule_name"),
                map(row.getString("labels")), map(row.getString("annotations")),
                AlertState.valueOf(row.getString("state").toUpperCase(Locale.ROOT)), value,
                Sql.instant(row, "active_at"), Sql.instant(row, "fired_at"), Sql.instant(row, "resolved_at"),
                Sql.instant(row, "keep_firing_since"));
        String channel = row.getString("slack_channel");
        PostedMessage message = channel == null ? null : new PostedMessage(channel, row.getString("slack_ts"));
        return new StoredAlert(row.getLong("id"), row.getString("rule_key"), alert, message,
                Sql.instant(row, "post_started_at"), row.getString("acked_by"), Sql.instant(row, "acked_at"),
                Sql.instant(row, "last_notified_at"), row.getString("likely_cause"), row.getLong("render_version"),
                Sql.longOrNull(row, "storm_id"));
    }

    /** NaN is kept as NULL: SQLite has no NaN. */
    static Double value(double value) {
        return Double.isNaN(value) ? null : value;
    }

    static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Map<String, String> map(String json) throws SQLException {
        try {
            return JSON.readValue(json, STRING_MAP);
        } catch (IOException corrupt) {
            throw new SQLException("corrupt label set in the store: " + corrupt.getMessage(), corrupt);
        }
    }
}
