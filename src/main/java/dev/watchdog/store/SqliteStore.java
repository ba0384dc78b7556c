package dev.watchdog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.slack.PostedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The embedded store: one SQLite file in WAL mode. One connection, used by one thread at a
 * time: Watchdog's write rate is a few transactions per poll, far below what that serves, and
 * it makes every read see every write before it.
 */
public final class SqliteStore implements Store {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Object>> PARAMETERS = new TypeReference<>() {
    };
    private static final String OCCURRENCE_COLUMNS = "id, fingerprint, rule_key, rule_name, labels, annotations, state,"
            + " value, active_at, fired_at, resolved_at, keep_firing_since, slack_channel, slack_ts, post_started_at,"
            + " acked_by, acked_at, last_notified_at, likely_cause";

    private final Connection connection;
    private final Clock clock;

    private SqliteStore(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** A store that lives as long as this object: for tests and --dry-run trials. */
    public static SqliteStore inMemory(Clock clock) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
            Migrations.apply(connection, "the in-memory store");
            return new SqliteStore(connection, clock);
        } catch (SQLException failure) {
            throw new StoreException("cannot open an in-memory store", failure);
        }
    }

    /** Opens (creating when missing) the database at {@code path} and brings its schema up to date. */
    public static SqliteStore open(Path path, Clock clock) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
                // NORMAL in WAL mode survives a killed process; only an OS crash can lose the last commit.
                statement.execute("PRAGMA synchronous = NORMAL");
                statement.execute("PRAGMA busy_timeout = 5000");
                statement.execute("PRAGMA foreign_keys = ON");
            }
            Migrations.apply(connection, path.toString());
            return new SqliteStore(connection, clock);
        } catch (SQLException | IOException failure) {
            throw new StoreException("cannot open the store at " + path, failure);
        }
    }

    @Override
    public synchronized void syncAlerts(String ruleKey, Collection<AlertInstance> current,
            Collection<AlertInstance> cancelled) {
        inTransaction("save alerts of " + ruleKey, () -> {
            long now = clock.millis();
            for (AlertInstance alert : current) {
                Optional<Long> open = openId(alert.fingerprint());
                if (open.isEmpty()) {
                    if (alert.state() != AlertState.RESOLVED) {
                        insert(ruleKey, alert, now);
                    }
                } else if (ruleKeyOf(open.get()).equals(ruleKey)) {
                    update(open.get(), alert, now);
                }
                // else: another source raised this alert first; it stays that source's occurrence
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM alert_occurrences WHERE fingerprint = ? AND rule_key = ? AND state = 'pending'")) {
                for (AlertInstance alert : cancelled) {
                    delete.setString(1, alert.fingerprint());
                    delete.setString(2, ruleKey);
                    delete.executeUpdate();
                }
            }
        });
    }

    private Optional<Long> openId(String fingerprint) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM alert_occurrences WHERE fingerprint = ? AND state <> 'resolved'")) {
            select.setString(1, fingerprint);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private String ruleKeyOf(long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT rule_key FROM alert_occurrences WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void insert(String ruleKey, AlertInstance alert, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_occurrences (fingerprint,"
                + " rule_key, rule_name, labels, annotations, state, value, active_at, fired_at, resolved_at,"
                + " keep_firing_since, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, alert.fingerprint());
            insert.setString(2, ruleKey);
            insert.setString(3, alert.ruleName());
            insert.setString(4, json(alert.labels()));
            insert.setString(5, json(alert.annotations()));
            insert.setString(6, alert.state().label());
            setValue(insert, 7, alert.value());
            insert.setLong(8, alert.activeAt().toEpochMilli());
            setInstant(insert, 9, alert.firedAt());
            setInstant(insert, 10, alert.resolvedAt());
            setInstant(insert, 11, alert.keepFiringSince());
            insert.setLong(12, now);
            insert.executeUpdate();
        }
    }

    private void update(long id, AlertInstance alert, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE alert_occurrences SET state = ?,"
                + " value = ?, annotations = ?, fired_at = COALESCE(fired_at, ?), resolved_at = ?,"
                + " keep_firing_since = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, alert.state().label());
            setValue(update, 2, alert.value());
            update.setString(3, json(alert.annotations()));
            setInstant(update, 4, alert.firedAt());
            setInstant(update, 5, alert.resolvedAt());
            setInstant(update, 6, alert.keepFiringSince());
            update.setLong(7, now);
            update.setLong(8, id);
            update.executeUpdate();
        }
    }

    @Override
    public synchronized List<StoredAlert> openAlerts() {
        return query("read open alerts", "SELECT " + OCCURRENCE_COLUMNS
                + " FROM alert_occurrences WHERE state <> 'resolved' ORDER BY id", statement -> {
                });
    }

    @Override
    public synchronized Optional<StoredAlert> latest(String fingerprint) {
        return query("read alert " + fingerprint, "SELECT " + OCCURRENCE_COLUMNS + " FROM alert_occurrences"
                + " WHERE fingerprint = ? ORDER BY (state <> 'resolved') DESC, id DESC LIMIT 1",
                statement -> statement.setString(1, fingerprint)).stream().findFirst();
    }

    @Override
    public synchronized Optional<StoredAlert> occurrenceOf(AlertInstance alert) {
        Optional<StoredAlert> exact = query("read alert " + alert.fingerprint(), "SELECT " + OCCURRENCE_COLUMNS
                + " FROM alert_occurrences WHERE fingerprint = ? AND active_at = ?", statement -> {
                    statement.setString(1, alert.fingerprint());
                    statement.setLong(2, alert.activeAt().toEpochMilli());
                }).stream().findFirst();
        return exact.isPresent() ? exact : latest(alert.fingerprint());
    }

    @Override
    public synchronized Optional<StoredAlert> byMessage(String channel, String ts) {
        return query("read the alert of message " + ts, "SELECT " + OCCURRENCE_COLUMNS + " FROM alert_occurrences"
                + " WHERE slack_channel = ? AND slack_ts = ?", statement -> {
                    statement.setString(1, channel);
                    statement.setString(2, ts);
                }).stream().findFirst();
    }

    @Override
    public synchronized Optional<StoredAlert> byId(long id) {
        return query("read alert #" + id, "SELECT " + OCCURRENCE_COLUMNS + " FROM alert_occurrences WHERE id = ?",
                statement -> statement.setLong(1, id)).stream().findFirst();
    }

    @Override
    public synchronized void markPosting(long id, Instant at) {
        execute("note a post of alert #" + id, "UPDATE alert_occurrences SET post_started_at = ? WHERE id = ?",
                statement -> {
                    statement.setLong(1, at.toEpochMilli());
                    statement.setLong(2, id);
                });
    }

    @Override
    public synchronized void recordMessage(long id, PostedMessage message) {
        execute("record the Slack message of alert #" + id,
                "UPDATE alert_occurrences SET slack_channel = ?, slack_ts = ? WHERE id = ?", statement -> {
                    statement.setString(1, message.channel());
                    statement.setString(2, message.ts());
                    statement.setLong(3, id);
                });
    }

    @Override
    public synchronized void markNotified(long id, Instant at) {
        execute("note a notification of alert #" + id, "UPDATE alert_occurrences SET last_notified_at = ? WHERE id = ?",
                statement -> {
                    statement.setLong(1, at.toEpochMilli());
                    statement.setLong(2, id);
                });
    }

    @Override
    public synchronized void recordLikelyCause(long id, String cause) {
        execute("record the likely cause of alert #" + id, "UPDATE alert_occurrences SET likely_cause = ? WHERE id = ?",
                statement -> {
                    statement.setString(1, cause);
                    statement.setLong(2, id);
                });
    }

    @Override
    public synchronized void rememberChannel(String name, String id) {
        execute("remember channel " + name, "INSERT INTO slack_channels (name, id) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET id = excluded.id", statement -> {
                    statement.setString(1, name);
                    statement.setString(2, id);
                });
    }

    @Override
    public synchronized Optional<String> channelId(String name) {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM slack_channels WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException failure) {
            throw new StoreException("cannot read channel " + name, failure);
        }
    }

    @Override
    public synchronized boolean acknowledge(long id, String userId, Instant at) {
        return execute("acknowledge alert #" + id, "UPDATE alert_occurrences SET acked_by = ?, acked_at = ?"
                + " WHERE id = ? AND acked_by IS NULL", statement -> {
                    statement.setString(1, userId);
                    statement.setLong(2, at.toEpochMilli());
                    statement.setLong(3, id);
                }) == 1;
    }

    @Override
    public synchronized void unacknowledge(long id) {
        execute("un-acknowledge alert #" + id, "UPDATE alert_occurrences SET acked_by = NULL, acked_at = NULL"
                + " WHERE id = ?", statement -> statement.setLong(1, id));
    }

    @Override
    public synchronized void snooze(Snooze snooze) {
        execute("snooze " + snooze.key(), "INSERT INTO snoozes (fingerprint, snoozed_by, until, created_at,"
                + " severity) VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET snoozed_by ="
                + " excluded.snoozed_by, until = excluded.until, created_at = excluded.created_at,"
                + " severity = excluded.severity", statement -> {
                    statement.setString(1, snooze.key());
                    statement.setString(2, snooze.snoozedBy());
                    statement.setLong(3, snooze.until().toEpochMilli());
                    statement.setLong(4, snooze.createdAt().toEpochMilli());
                    statement.setString(5, snooze.severity());
                });
    }

    @Override
    public synchronized void unsnooze(String fingerprint) {
        execute("unsnooze " + fingerprint, "DELETE FROM snoozes WHERE fingerprint = ?",
                statement -> statement.setString(1, fingerprint));
    }

    @Override
    public synchronized Optional<Snooze> snoozeOf(String fingerprint) {
        return snoozes("WHERE fingerprint = ?", fingerprint).stream().findFirst();
    }

    @Override
    public synchronized List<Snooze> snoozes() {
        return snoozes("ORDER BY until", null);
    }

    private List<Snooze> snoozes(String where, String fingerprint) {
        List<Snooze> snoozes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint, snoozed_by, until, created_at, severity FROM snoozes " + where)) {
            if (fingerprint != null) {
                select.setString(1, fingerprint);
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    snoozes.add(new Snooze(row.getString(1), row.getString(2), Instant.ofEpochMilli(row.getLong(3)),
                            Instant.ofEpochMilli(row.getLong(4)), row.getString(5)));
                }
            }
            return snoozes;
        } catch (SQLException failure) {
            throw new StoreException("cannot read snoozes", failure);
        }
    }

    @Override
    public synchronized Optional<String> conversation(String memoryId) {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT messages FROM conversations WHERE memory_id = ?")) {
            select.setString(1, memoryId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException failure) {
            throw new StoreException("cannot read conversation " + memoryId, failure);
        }
    }

    @Override
    public synchronized void saveConversation(String memoryId, String messagesJson, Instant at) {
        execute("save conversation " + memoryId, "INSERT INTO conversations (memory_id, messages, updated_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (memory_id) DO UPDATE SET messages = excluded.messages,"
                + " updated_at = excluded.updated_at", statement -> {
                    statement.setString(1, memoryId);
                    statement.setString(2, messagesJson);
                    statement.setLong(3, at.toEpochMilli());
                });
    }

    @Override
    public synchronized void deleteConversation(String memoryId) {
        execute("delete conversation " + memoryId, "DELETE FROM conversations WHERE memory_id = ?",
                statement -> statement.setString(1, memoryId));
    }

    @Override
    public synchronized void recordTokenUsage(String memoryId, String kind, long inputTokens, long outputTokens,
            Instant at) {
        execute("record token usage", "INSERT INTO token_usage (memory_id, kind, input_tokens, output_tokens, at)"
                + " VALUES (?, ?, ?, ?, ?)", statement -> {
                    statement.setString(1, memoryId);
                    statement.setString(2, kind);
                    statement.setLong(3, inputTokens);
                    statement.setLong(4, outputTokens);
                    statement.setLong(5, at.toEpochMilli());
                });
    }

    @Override
    public synchronized TokenTotals tokenUsage(String memoryId) {
        try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(SUM(input_tokens), 0),"
                + " COALESCE(SUM(output_tokens), 0) FROM token_usage WHERE memory_id = ?")) {
            select.setString(1, memoryId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new TokenTotals(row.getLong(1), row.getLong(2));
            }
        } catch (SQLException failure) {
            throw new StoreException("cannot read token usage of " + memoryId, failure);
        }
    }

    @Override
    public synchronized void createProposal(StoredProposal proposal, AuditRecord proposed) {
        inTransaction("save proposal " + proposal.id(), () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO proposals (id, action_id,"
                    + " parameters, request_hash, request_preview, reason, alert_id, channel, thread_ts, asked_by,"
                    + " created_at, expires_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')")) {
                insert.setString(1, proposal.id());
                insert.setString(2, proposal.actionId());
                insert.setString(3, parametersJson(proposal.parameters()));
                insert.setString(4, proposal.requestHash());
                insert.setString(5, proposal.requestPreview());
                insert.setString(6, proposal.reason());
                if (proposal.alertId() == null) {
                    insert.setNull(7, Types.INTEGER);
                } else {
                    insert.setLong(7, proposal.alertId());
                }
                insert.setString(8, proposal.channel());
                insert.setString(9, proposal.threadTs());
                insert.setString(10, proposal.askedBy());
                insert.setLong(11, proposal.createdAt().toEpochMilli());
                insert.setLong(12, proposal.expiresAt().toEpochMilli());
                insert.executeUpdate();
            }
            insertAudit(proposed);
        });
    }

    @Override
    public synchronized Optional<StoredProposal> proposal(String id) {
        return proposals("WHERE id = ?", statement -> statement.setString(1, id)).stream().findFirst();
    }

    @Override
    public synchronized List<StoredProposal> proposals(ProposalState state) {
        return proposals("WHERE state = ? ORDER BY created_at, id", statement -> statement.setString(1, state.label()));
    }

    @Override
    public synchronized void recordProposalMessage(String id, PostedMessage message) {
        execute("record the approval message of " + id, "UPDATE proposals SET message_channel = ?, message_ts = ?"
                + " WHERE id = ?", statement -> {
                    statement.setString(1, message.channel());
                    statement.setString(2, message.ts());
                    statement.setString(3, id);
                });
    }

    @Override
    public synchronized boolean decideProposal(String id, ProposalState to, String decidedBy, String note,
            Instant at, AuditRecord audit) {
        String condition = switch (to) {
            case APPROVED, REJECTED -> " AND expires_at > ?";
            case EXPIRED -> " AND expires_at <= ?";
            case CANCELLED -> "";
            default -> throw new IllegalArgumentException("a pending proposal cannot become " + to.label());
        };
        boolean[] decided = {false};
        inTransaction("decide proposal " + id, () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE proposals SET state = ?,"
                    + " decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ? AND state = 'pending'"
                    + condition)) {
                update.setString(1, to.label());
                update.setString(2, decidedBy);
                update.setLong(3, at.toEpochMilli());
                update.setString(4, note);
                update.setString(5, id);
                if (!condition.isEmpty()) {
                    update.setLong(6, at.toEpochMilli());
                }
                decided[0] = update.executeUpdate() == 1;
            }
            if (decided[0]) {
                insertAudit(audit);
            }
        });
        return decided[0];
    }

    @Override
    public synchronized boolean recordExecution(String id, ProposalState outcome, int status, String excerpt,
            Instant at, AuditRecord audit) {
        if (outcome != ProposalState.EXECUTED && outcome != ProposalState.FAILED) {
            throw new IllegalArgumentException("a run ends executed or failed, not " + outcome.label());
        }
        boolean[] recorded = {false};
        inTransaction("record the run of " + id, () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE proposals SET state = ?,"
                    + " result_status = ?, result_excerpt = ?, finished_at = ? WHERE id = ? AND state = 'approved'")) {
                update.setString(1, outcome.label());
                update.setInt(2, status);
                update.setString(3, excerpt);
                update.setLong(4, at.toEpochMilli());
                update.setString(5, id);
                recorded[0] = update.executeUpdate() == 1;
            }
            if (recorded[0]) {
                insertAudit(audit);
            }
        });
        return recorded[0];
    }

    @Override
    public synchronized void appendAudit(AuditRecord record) {
        inTransaction("append to the audit trail", () -> insertAudit(record));
    }

    @Override
    public synchronized List<AuditRecord> recentAudit(int limit) {
        List<AuditRecord> records = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT sequence, at, event, proposal_id,"
                + " action_id, actor, request_hash, detail FROM audit ORDER BY sequence DESC LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    records.add(new AuditRecord(row.getLong(1), Instant.ofEpochMilli(row.getLong(2)),
                            AuditEvent.of(row.getString(3)), row.getString(4), row.getString(5), row.getString(6),
                            row.getString(7), row.getString(8)));
                }
            }
            return records;
        } catch (SQLException failure) {
            throw new StoreException("cannot read the audit trail", failure);
        }
    }

    private void insertAudit(AuditRecord record) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit (at, event, proposal_id,"
                + " action_id, actor, request_hash, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, record.at().toEpochMilli());
            insert.setString(2, record.event().label());
            insert.setString(3, record.proposalId());
            insert.setString(4, record.actionId());
            insert.setString(5, record.actor());
            insert.setString(6, record.requestHash());
            insert.setString(7, record.detail() == null ? "" : record.detail());
            insert.executeUpdate();
        }
    }

    private List<StoredProposal> proposals(String where, Binder binder) {
        List<StoredProposal> proposals = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, action_id, parameters,"
                + " request_hash, request_preview, reason, alert_id, channel, thread_ts, asked_by, created_at,"
                + " expires_at, state, decided_by, decided_at, decision_note, message_channel, message_ts,"
                + " result_status, result_excerpt, finished_at FROM proposals " + where)) {
            binder.bind(select);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    proposals.add(storedProposal(row));
                }
            }
            return proposals;
        } catch (SQLException failure) {
            throw new StoreException("cannot read proposals", failure);
        }
    }

    private static StoredProposal storedProposal(ResultSet row) throws SQLException {
        long alertId = row.getLong("alert_id");
        Long alert = row.wasNull() ? null : alertId;
        int status = row.getInt("result_status");
        Integer resultStatus = row.wasNull() ? null : status;
        String messageChannel = row.getString("message_channel");
        PostedMessage message = messageChannel == null ? null
                : new PostedMessage(messageChannel, row.getString("message_ts"));
        return new StoredProposal(row.getString("id"), row.getString("action_id"),
                parameters(row.getString("parameters")), row.getString("request_hash"),
                row.getString("request_preview"), row.getString("reason"), alert, row.getString("channel"),
                row.getString("thread_ts"), row.getString("asked_by"), instant(row, "created_at"),
                instant(row, "expires_at"), ProposalState.of(row.getString("state")), row.getString("decided_by"),
                instant(row, "decided_at"), row.getString("decision_note"), message, resultStatus,
                row.getString("result_excerpt"), instant(row, "finished_at"));
    }

    private static String parametersJson(Map<String, Object> parameters) {
        try {
            return JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Parameters as stored; whole numbers come back as Long, whatever their size. */
    private static Map<String, Object> parameters(String json) throws SQLException {
        try {
            Map<String, Object> read = JSON.readValue(json, PARAMETERS);
            Map<String, Object> parameters = new LinkedHashMap<>();
            read.forEach((name, value) -> parameters.put(name, value instanceof Integer small ? (Object) small.longValue()
                    : value));
            return parameters;
        } catch (IOException corrupt) {
            throw new SQLException("corrupt proposal parameters in the store: " + corrupt.getMessage(), corrupt);
        }
    }

    @Override
    public synchronized int pruneResolvedBefore(Instant cutoff) {
        return execute("prune resolved alerts", "DELETE FROM alert_occurrences WHERE state = 'resolved'"
                + " AND resolved_at < ?", statement -> statement.setLong(1, cutoff.toEpochMilli()));
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException failure) {
            throw new StoreException("cannot close the store", failure);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Work {
        void run() throws SQLException;
    }

    private int execute(String what, String sql, Binder binder) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException failure) {
            throw new StoreException("cannot " + what, failure);
        }
    }

    private void inTransaction(String what, Work work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException failure) {
            throw new StoreException("cannot " + what, failure);
        }
    }

    private List<StoredAlert> query(String what, String sql, Binder binder) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<StoredAlert> alerts = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    alerts.add(storedAlert(row));
                }
            }
            return alerts;
        } catch (SQLException failure) {
            throw new StoreException("cannot " + what, failure);
        }
    }

    private static StoredAlert storedAlert(ResultSet row) throws SQLException {
        double value = row.getDouble("value");
        if (row.wasNull()) {
            value = Double.NaN; // SQLite has no NaN; it was stored as NULL
        }
        AlertInstance alert = new AlertInstance(row.getString("fingerprint"), row.getString("rule_name"),
                map(row.getString("labels")), map(row.getString("annotations")),
                AlertState.valueOf(row.getString("state").toUpperCase(Locale.ROOT)), value,
                instant(row, "active_at"), instant(row, "fired_at"), instant(row, "resolved_at"),
                instant(row, "keep_firing_since"));
        String channel = row.getString("slack_channel");
        PostedMessage message = channel == null ? null : new PostedMessage(channel, row.getString("slack_ts"));
        return new StoredAlert(row.getLong("id"), row.getString("rule_key"), alert, message,
                instant(row, "post_started_at"), row.getString("acked_by"), instant(row, "acked_at"),
                instant(row, "last_notified_at"), row.getString("likely_cause"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static void setInstant(PreparedStatement statement, int index, Instant at) throws SQLException {
        if (at == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, at.toEpochMilli());
        }
    }

    private static void setValue(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            statement.setNull(index, Types.REAL);
        } else {
            statement.setDouble(index, value);
        }
    }

    private static String json(Map<String, String> map) {
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
