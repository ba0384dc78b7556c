package dev.watchdog.alerting;

import dev.watchdog.db.Database;
import dev.watchdog.db.Sql;
import dev.watchdog.slack.PostedMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Alert storms in the {@link Database}; their members are occurrences with a {@code storm_id}. */
public final class SqlStormStore implements StormStore {

    /** Ids bound into one {@code IN (…)}: well under SQLite's and PostgreSQL's parameter limits. */
    private static final int IDS_PER_STATEMENT = 500;
    /** A storm's version: its own changes plus its members', so a member's change makes the storm lag too. */
    private static final String SELECT_STORMS = "SELECT * FROM (SELECT s.id, s.channel, s.slack_channel, s.slack_ts,"
            + " s.post_started_at, s.started_at, s.last_alert_at, s.ended_at, s.last_notified_at, s.slack_version,"
            + " s.render_version + COALESCE((SELECT SUM(o.render_version) FROM alert_occurrences o"
            + " WHERE o.storm_id = s.id), 0) AS version FROM alert_storms s) storms ";

    private final Database database;

    public SqlStormStore(Database database) {
        this.database = database;
    }

    @Override
    public AlertStorm start(String channel, Instant at, Collection<Long> members) {
        long id = database.inTransaction("start an alert storm in " + channel, sql -> {
            long stormId = sql.first("INSERT INTO alert_storms (channel, post_started_at, started_at, last_alert_at)"
                    + " VALUES (?, ?, ?, ?) RETURNING id", row -> row.getLong(1), channel, at, at, at).orElseThrow();
            addMembers(sql, stormId, members);
            return stormId;
        });
        return storm(id).orElseThrow();
    }

    @Override
    public void join(long stormId, Collection<Long> members, Instant at) {
        database.inTransaction("add " + members.size() + " alert(s) to storm " + stormId, sql -> {
            sql.update("UPDATE alert_storms SET last_alert_at = ? WHERE id = ? AND last_alert_at < ?", at, stormId, at);
            addMembers(sql, stormId, members);
            return null;
        });
    }

    private static void addMembers(Sql sql, long stormId, Collection<Long> members) throws SQLException {
        List<Long> ids = new ArrayList<>(members);
        for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT));
            List<Object> parameters = new ArrayList<>(chunk.size() + 1);
            parameters.add(stormId);
            parameters.addAll(chunk);
            sql.update("UPDATE alert_occurrences SET storm_id = ?, render_version = render_version + 1 WHERE id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", parameters.toArray());
        }
    }

    @Override
    public void recordMessage(long stormId, PostedMessage message) {
        database.update("record the message of storm " + stormId, "UPDATE alert_storms SET slack_channel = ?,"
                + " slack_ts = ? WHERE id = ?", message.channel(), message.ts(), stormId);
    }

    @Override
    public void restartPost(long stormId, Instant at) {
        database.update("note a post of storm " + stormId, "UPDATE alert_storms SET post_started_at = ? WHERE id = ?",
                at, stormId);
    }

    @Override
    public boolean end(long stormId, Instant at) {
        return database.update("end storm " + stormId, "UPDATE alert_storms SET ended_at = ?,"
                + " render_version = render_version + 1 WHERE id = ? AND ended_at IS NULL", at, stormId) == 1;
    }

    @Override
    public int pruneEndedBefore(Instant cutoff) {
        return database.update("prune ended storms", "DELETE FROM alert_storms WHERE ended_at < ? AND NOT EXISTS"
                + " (SELECT 1 FROM alert_occurrences o WHERE o.storm_id = alert_storms.id)", cutoff);
    }

    @Override
    public Optional<AlertStorm> storm(long stormId) {
        return database.first("read storm " + stormId, SELECT_STORMS + "WHERE id = ?", SqlStormStore::storm,
                stormId);
    }

    @Override
    public Optional<AlertStorm> byMessage(String channel, String ts) {
        return database.first("read the storm of message " + ts, SELECT_STORMS
                + "WHERE slack_channel = ? AND slack_ts = ?", SqlStormStore::storm, channel, ts);
    }

    @Override
    public List<AlertStorm> open() {
        return database.query("read open storms", SELECT_STORMS + "WHERE ended_at IS NULL ORDER BY id",
                SqlStormStore::storm);
    }

    @Override
    public List<AlertStorm> firing() {
        return database.query("read firing storms", SELECT_STORMS + "WHERE EXISTS (SELECT 1 FROM alert_occurrences o"
                + " WHERE o.storm_id = storms.id AND o.state = 'firing') ORDER BY id", SqlStormStore::storm);
    }

    @Override
    public List<AlertStorm> lagging() {
        return database.query("read storms whose message lags", SELECT_STORMS
                + "WHERE slack_ts IS NOT NULL AND slack_version < version ORDER BY id", SqlStormStore::storm);
    }

    @Override
    public void confirmRendered(long stormId, long version) {
        database.update("note what Slack shows of storm " + stormId, "UPDATE alert_storms SET slack_version = ?"
                + " WHERE id = ? AND slack_version < ?", version, stormId, version);
    }

    @Override
    public List<StoredAlert> members(long stormId) {
        return database.query("read the alerts of storm " + stormId, SqlAlertStore.SELECT_OCCURRENCES
                + "WHERE storm_id = ? ORDER BY id", SqlAlertStore::storedAlert, stormId);
    }

    @Override
    public int acknowledgeFiring(long stormId, String userId, Instant at) {
        return database.update("acknowledge the alerts of storm " + stormId, "UPDATE alert_occurrences"
                + " SET acked_by = ?, acked_at = ?, render_version = render_version + 1"
                + " WHERE storm_id = ? AND state = 'firing' AND acked_by IS NULL", userId, at, stormId);
    }

    @Override
    public void markNotified(long stormId, Instant at) {
        database.update("note a reminder of storm " + stormId, "UPDATE alert_storms SET last_notified_at = ?"
                + " WHERE id = ?", at, stormId);
    }

    private static AlertStorm storm(ResultSet row) throws SQLException {
        String channel = row.getString("slack_channel");
        PostedMessage message = channel == null ? null : new PostedMessage(channel, row.getString("slack_ts"));
        return new AlertStorm(row.getLong("id"), row.getString("channel"), message,
                Sql.instant(row, "post_started_at"), Sql.instant(row, "started_at"), Sql.instant(row, "last_alert_at"),
                Sql.instant(row, "ended_at"), Sql.instant(row, "last_notified_at"), row.getLong("version"),
                row.getLong("slack_version"));
    }
}
