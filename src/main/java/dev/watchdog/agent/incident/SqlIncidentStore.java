package dev.watchdog.agent.incident;

import dev.watchdog.db.Database;
import dev.watchdog.db.Sql;
import dev.watchdog.slack.PostedMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Incidents in the {@link Database}. */
public final class SqlIncidentStore implements IncidentStore {

    private static final String COLUMNS = "id, group_key, lead_alert_id, thread_channel, thread_ts,"
            + " investigation_channel, investigation_ts, analyzed_at, opened_at, last_alert_at";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM incidents WHERE id = ?";

    private final Database database;

    public SqlIncidentStore(Database database) {
        this.database = database;
    }

    @Override
    public Membership joinOrOpen(String key, long alertId, String ruleName, PostedMessage thread, Instant firedAt,
            Instant joinSince) {
        return database.inTransaction("join alert " + alertId + " to an incident", sql -> {
            Optional<Long> member = sql.first("SELECT incident_id FROM incident_alerts WHERE alert_id = ?",
                    row -> row.getLong(1), alertId);
            if (member.isPresent()) {
                Incident incident = sql.first(BY_ID, SqlIncidentStore::incident, member.get()).orElseThrow();
                return new Membership(incident, incident.leadAlertId() == alertId);
            }
            Optional<Incident> open = sql.first("SELECT " + COLUMNS + " FROM incidents WHERE group_key = ?"
                    + " AND last_alert_at >= ? ORDER BY last_alert_at DESC, id DESC LIMIT 1",
                    SqlIncidentStore::incident, key, joinSince);
            if (open.isEmpty()) {
                sql.update("INSERT INTO incidents (group_key, lead_alert_id, thread_channel, thread_ts, opened_at,"
                        + " last_alert_at) VALUES (?, ?, ?, ?, ?, ?)", key, alertId, thread.channel(), thread.ts(),
                        firedAt, firedAt);
            } else if (firedAt.isAfter(open.get().lastAlertAt())) {
                sql.update("UPDATE incidents SET last_alert_at = ? WHERE id = ?", firedAt, open.get().id());
            }
            Incident incident = open.isPresent()
                    ? sql.first(BY_ID, SqlIncidentStore::incident, open.get().id()).orElseThrow()
                    : sql.first("SELECT " + COLUMNS + " FROM incidents WHERE lead_alert_id = ?",
                            SqlIncidentStore::incident, alertId).orElseThrow();
            sql.update("INSERT INTO incident_alerts (alert_id, incident_id, rule_name, thread_channel, thread_ts,"
                    + " joined_at) VALUES (?, ?, ?, ?, ?, ?)", alertId, incident.id(), ruleName, thread.channel(),
                    thread.ts(), firedAt);
            return new Membership(incident, open.isEmpty());
        });
    }

    @Override
    public int pruneBefore(Instant cutoff) {
        return database.inTransaction("prune incidents", sql -> {
            String old = "SELECT id FROM incidents WHERE last_alert_at < ? AND NOT EXISTS (SELECT 1 FROM incident_alerts"
                    + " member JOIN alert_occurrences alert ON alert.id = member.alert_id WHERE member.incident_id"
                    + " = incidents.id AND alert.state <> 'resolved')";
            int pruned = sql.update("DELETE FROM incident_alerts WHERE incident_id IN (" + old + ")", cutoff);
            return pruned + sql.update("DELETE FROM incidents WHERE id IN (" + old + ")", cutoff);
        });
    }

    @Override
    public Optional<Incident> byId(long id) {
        return database.first("read incident " + id, BY_ID, SqlIncidentStore::incident, id);
    }

    @Override
    public List<IncidentAlert> alerts(long incidentId) {
        return database.query("read the alerts of incident " + incidentId, "SELECT alert_id, rule_name,"
                + " thread_channel, thread_ts, joined_at FROM incident_alerts WHERE incident_id = ?"
                + " ORDER BY joined_at, alert_id", row -> new IncidentAlert(row.getLong("alert_id"),
                        row.getString("rule_name"), new PostedMessage(row.getString("thread_channel"),
                                row.getString("thread_ts")), Sql.instant(row, "joined_at")), incidentId);
    }

    @Override
    public void investigationPosted(long incidentId, PostedMessage message) {
        database.update("remember the investigation of incident " + incidentId, "UPDATE incidents"
                + " SET investigation_channel = ?, investigation_ts = ? WHERE id = ?", message.channel(),
                message.ts(), incidentId);
    }

    @Override
    public void analyzed(long incidentId, Instant at) {
        database.update("mark incident " + incidentId + " analysed", "UPDATE incidents SET analyzed_at = ?"
                + " WHERE id = ?", at, incidentId);
    }

    private static Incident incident(ResultSet row) throws SQLException {
        String investigationTs = row.getString("investigation_ts");
        return new Incident(row.getLong("id"), row.getString("group_key"), row.getLong("lead_alert_id"),
                new PostedMessage(row.getString("thread_channel"), row.getString("thread_ts")),
                investigationTs == null ? null : new PostedMessage(row.getString("investigation_channel"),
                        investigationTs),
                Sql.instant(row, "analyzed_at"), Sql.instant(row, "opened_at"), Sql.instant(row, "last_alert_at"));
    }
}
