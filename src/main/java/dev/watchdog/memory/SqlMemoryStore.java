package dev.watchdog.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.db.Database;
import dev.watchdog.db.Sql;
import dev.watchdog.slack.PostedMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@link MemoryStore} in the {@link Database}; the same SQL on SQLite and PostgreSQL. */
public final class SqlMemoryStore implements MemoryStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<TreeSet<String>> STRING_SET = new TypeReference<>() {
    };
    private static final String SELECT_CAUSES = "SELECT alert_id, rule_name, labels, occurred_at, category, what, fix,"
            + " link, evidence, recorded_by, recorded_by_name, recorded_at FROM incident_causes ";
    private static final String SELECT_DIAGNOSES = "SELECT id, alert_id, rule_name, model, likely_cause, evidence,"
            + " slack_channel, slack_ts, created_at FROM diagnoses ";

    private final Database database;

    public SqlMemoryStore(Database database) {
        this.database = database;
    }

    @Override
    public void recordCause(RecordedCause cause) {
        database.inTransaction("record the cause of alert #" + cause.alertId(), sql -> {
            sql.update("DELETE FROM incident_causes WHERE alert_id = ?", cause.alertId());
            sql.update("INSERT INTO incident_causes (alert_id, rule_name, labels, occurred_at, category, what, fix,"
                    + " link, evidence, recorded_by, recorded_by_name, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    cause.alertId(), cause.ruleName(), json(cause.labels()), cause.occurredAt(),
                    cause.category().value(), cause.what(), cause.fix(), cause.link(), json(cause.evidence()),
                    cause.recordedBy(), cause.recordedByName(), cause.recordedAt());
            sql.update("INSERT INTO incident_cause_edits (alert_id, category, what, fix, link, edited_by, edited_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", cause.alertId(), cause.category().value(), cause.what(),
                    cause.fix(), cause.link(), cause.recordedBy(), cause.recordedAt());
            return null;
        });
    }

    @Override
    public Optional<RecordedCause> cause(long alertId) {
        return database.first("read the cause of alert #" + alertId, SELECT_CAUSES + "WHERE alert_id = ?",
                SqlMemoryStore::cause, alertId);
    }

    @Override
    public List<CauseEdit> causeEdits(long alertId) {
        return database.query("read the edits of the cause of alert #" + alertId, "SELECT alert_id, category, what,"
                + " fix, link, edited_by, edited_at FROM incident_cause_edits WHERE alert_id = ? ORDER BY id",
                row -> new CauseEdit(row.getLong("alert_id"), category(row), row.getString("what"),
                        row.getString("fix"), row.getString("link"), row.getString("edited_by"),
                        Sql.instant(row, "edited_at")), alertId);
    }

    @Override
    public List<RecordedCause> causesSince(Instant from) {
        return database.query("read recorded causes", SELECT_CAUSES + "WHERE occurred_at >= ?"
                + " ORDER BY occurred_at DESC, alert_id DESC", SqlMemoryStore::cause, from);
    }

    @Override
    public Diagnosis recordDiagnosis(Diagnosis diagnosis) {
        long id = database.run("record a diagnosis of alert #" + diagnosis.alertId(), sql -> sql.first(
                "INSERT INTO diagnoses (alert_id, rule_name, model, likely_cause, evidence, slack_channel, slack_ts,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", row -> row.getLong(1),
                diagnosis.alertId(), diagnosis.ruleName(), diagnosis.model(), diagnosis.likelyCause(),
                json(diagnosis.evidence()), diagnosis.message().channel(), diagnosis.message().ts(),
                diagnosis.createdAt()).orElseThrow());
        return diagnosis.withId(id);
    }

    @Override
    public Optional<Diagnosis> diagnosis(long id) {
        return database.first("read diagnosis " + id, SELECT_DIAGNOSES + "WHERE id = ?", SqlMemoryStore::diagnosis, id);
    }

    @Override
    public Optional<Diagnosis> latestDiagnosis(long alertId) {
        return database.first("read the diagnosis of alert #" + alertId, SELECT_DIAGNOSES
                + "WHERE alert_id = ? ORDER BY id DESC LIMIT 1", SqlMemoryStore::diagnosis, alertId);
    }

    @Override
    public void recordFeedback(Feedback feedback) {
        database.inTransaction("record feedback on diagnosis " + feedback.diagnosisId(), sql -> {
            sql.update("DELETE FROM diagnosis_feedback WHERE diagnosis_id = ? AND user_id = ?",
                    feedback.diagnosisId(), feedback.userId());
            sql.update("INSERT INTO diagnosis_feedback (diagnosis_id, user_id, verdict, actual_cause, given_at)"
                    + " VALUES (?, ?, ?, ?, ?)", feedback.diagnosisId(), feedback.userId(),
                    feedback.helpful() ? "up" : "down", feedback.actualCause(), feedback.givenAt());
            return null;
        });
    }

    @Override
    public List<RatedDiagnosis> feedbackBetween(Instant from, Instant to) {
        return database.query("read feedback on diagnoses", "SELECT d.id, d.rule_name, d.model, f.verdict"
                + " FROM diagnosis_feedback f JOIN diagnoses d ON d.id = f.diagnosis_id"
                + " WHERE f.given_at >= ? AND f.given_at < ? ORDER BY d.id, f.user_id",
                row -> new RatedDiagnosis(row.getLong(1), row.getString(2), row.getString(3),
                        "up".equals(row.getString(4))), from, to);
    }

    @Override
    public Optional<Instant> lastHandoff(String channel) {
        return database.first("read the last hand-off of " + channel, "SELECT last_sent_at FROM handoff_digests"
                + " WHERE channel = ?", row -> Sql.instant(row, "last_sent_at"), channel);
    }

    @Override
    public boolean claimHandoff(String channel, Optional<Instant> previous, Instant at) {
        return database.run("note the hand-off of " + channel, sql -> previous.isPresent()
                ? sql.update("UPDATE handoff_digests SET last_sent_at = ? WHERE channel = ? AND last_sent_at = ?", at,
                        channel, previous.get()) == 1
                : sql.update("INSERT INTO handoff_digests (channel, last_sent_at) VALUES (?, ?)"
                        + " ON CONFLICT (channel) DO NOTHING", channel, at) == 1);
    }

    @Override
    public int pruneBefore(Instant cutoff) {
        return database.inTransaction("prune incident memory", sql -> {
            int pruned = sql.update("DELETE FROM incident_cause_edits WHERE alert_id IN"
                    + " (SELECT alert_id FROM incident_causes WHERE occurred_at < ?)", cutoff);
            pruned += sql.update("DELETE FROM incident_causes WHERE occurred_at < ?", cutoff);
            pruned += sql.update("DELETE FROM diagnosis_feedback WHERE diagnosis_id IN"
                    + " (SELECT id FROM diagnoses WHERE created_at < ?)", cutoff);
            pruned += sql.update("DELETE FROM diagnoses WHERE created_at < ?", cutoff);
            return pruned;
        });
    }

    private static RecordedCause cause(ResultSet row) throws SQLException {
        return new RecordedCause(row.getLong("alert_id"), row.getString("rule_name"),
                read(row.getString("labels"), STRING_MAP), Sql.instant(row, "occurred_at"), category(row),
                row.getString("what"), row.getString("fix"), row.getString("link"),
                read(row.getString("evidence"), STRING_SET), row.getString("recorded_by"),
                row.getString("recorded_by_name"), Sql.instant(row, "recorded_at"));
    }

    private static Diagnosis diagnosis(ResultSet row) throws SQLException {
        return new Diagnosis(row.getLong("id"), row.getLong("alert_id"), row.getString("rule_name"),
                row.getString("model"), row.getString("likely_cause"), read(row.getString("evidence"), STRING_SET),
                new PostedMessage(row.getString("slack_channel"), row.getString("slack_ts")),
                Sql.instant(row, "created_at"));
    }

    private static CauseCategory category(ResultSet row) throws SQLException {
        return CauseCategory.parse(row.getString("category")).orElse(CauseCategory.UNKNOWN);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings always serialise", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable JSON in the incident memory: " + e.getOriginalMessage(), e);
        }
    }

}
