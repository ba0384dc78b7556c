package dev.watchdog.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.db.Database;
import dev.watchdog.db.Sql;
import dev.watchdog.slack.PostedMessage;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Proposals and the audit trail in the {@link Database}. */
public final class SqlProposalStore implements ProposalStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> PARAMETERS = new TypeReference<>() {
    };
    private static final String SELECT_PROPOSALS = "SELECT id, action_id, parameters, request_hash, request_preview,"
            + " reason, alert_id, channel, thread_ts, asked_by, created_at, expires_at, state, decided_by, decided_at,"
            + " decision_note, message_channel, message_ts, result_status, result_excerpt, finished_at,"
            + " render_version FROM proposals ";
    /** Every decision and run changes what the approval message must show. */
    private static final String REDRAW = ", render_version = render_version + 1";

    private final Database database;

    public SqlProposalStore(Database database) {
        this.database = database;
    }

    @Override
    public void createProposal(StoredProposal proposal, AuditRecord proposed) {
        database.inTransaction("save proposal " + proposal.id(), sql -> {
            sql.update("INSERT INTO proposals (id, action_id, parameters, request_hash, request_preview, reason,"
                    + " alert_id, channel, thread_ts, asked_by, created_at, expires_at, state)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')", proposal.id(), proposal.actionId(),
                    parametersJson(proposal.parameters()), proposal.requestHash(), proposal.requestPreview(),
                    proposal.reason(), proposal.alertId(), proposal.channel(), proposal.threadTs(),
                    proposal.askedBy(), proposal.createdAt(), proposal.expiresAt());
            insertAudit(sql, proposed);
            return null;
        });
    }

    @Override
    public Optional<StoredProposal> proposal(String id) {
        return database.first("read proposals", SELECT_PROPOSALS + "WHERE id = ?", SqlProposalStore::storedProposal,
                id);
    }

    @Override
    public List<StoredProposal> proposals(ProposalState state) {
        return database.query("read proposals", SELECT_PROPOSALS + "WHERE state = ? ORDER BY created_at, id",
                SqlProposalStore::storedProposal, state.label());
    }

    @Override
    public void recordProposalMessage(String id, PostedMessage message) {
        database.update("record the approval message of " + id, "UPDATE proposals SET message_channel = ?,"
                + " message_ts = ? WHERE id = ?", message.channel(), message.ts(), id);
    }

    @Override
    public List<StoredProposal> lagging() {
        return database.query("read proposals whose message lags", SELECT_PROPOSALS + "WHERE message_ts IS NOT NULL"
                + " AND slack_version < render_version ORDER BY created_at, id", SqlProposalStore::storedProposal);
    }

    @Override
    public void confirmRendered(String id, long version) {
        database.update("note what Slack shows of " + id, "UPDATE proposals SET slack_version = ? WHERE id = ?"
                + " AND slack_version < ?", version, id, version);
    }

    @Override
    public boolean decideProposal(String id, ProposalState to, String decidedBy, String note, Instant at,
            AuditRecord audit) {
        String condition = switch (to) {
            case APPROVED, REJECTED -> " AND expires_at > ?";
            case EXPIRED -> " AND expires_at <= ?";
            case CANCELLED -> "";
            default -> throw new IllegalArgumentException("a pending proposal cannot become " + to.label());
        };
        List<Object> parameters = new ArrayList<>(Arrays.asList(to.label(), decidedBy, at, note, id));
        if (!condition.isEmpty()) {
            parameters.add(at);
        }
        return changeAudited("decide proposal " + id, audit, "UPDATE proposals SET state = ?, decided_by = ?,"
                + " decided_at = ?, decision_note = ?" + REDRAW + " WHERE id = ? AND state = 'pending'" + condition,
                parameters.toArray());
    }

    @Override
    public boolean recordExecution(String id, ProposalState outcome, int status, String excerpt, Instant at,
            AuditRecord audit) {
        if (outcome != ProposalState.EXECUTED && outcome != ProposalState.FAILED) {
            throw new IllegalArgumentException("a run ends executed or failed, not " + outcome.label());
        }
        return changeAudited("record the run of " + id, audit, "UPDATE proposals SET state = ?, result_status = ?,"
                + " result_excerpt = ?, finished_at = ?" + REDRAW + " WHERE id = ? AND state = 'approved'",
                outcome.label(), status, excerpt, at, id);
    }

    /** Changes one proposal and, only when it did, appends {@code audit}, in one transaction. */
    private boolean changeAudited(String what, AuditRecord audit, String update, Object... parameters) {
        return database.inTransaction(what, sql -> {
            boolean changed = sql.update(update, parameters) == 1;
            if (changed) {
                insertAudit(sql, audit);
            }
            return changed;
        });
    }

    @Override
    public void appendAudit(AuditRecord record) {
        database.inTransaction("append to the audit trail", sql -> {
            insertAudit(sql, record);
            return null;
        });
    }

    @Override
    public int pruneBefore(Instant cutoff) {
        return database.update("prune decided proposals", "DELETE FROM proposals WHERE state IN ('rejected', 'expired',"
                + " 'cancelled', 'executed', 'failed') AND COALESCE(finished_at, decided_at, created_at) < ?", cutoff);
    }

    @Override
    public List<AuditRecord> recentAudit(int limit) {
        return database.query("read the audit trail", "SELECT sequence, at, event, proposal_id, action_id, actor,"
                + " request_hash, detail FROM audit ORDER BY sequence DESC LIMIT ?", row -> new AuditRecord(
                        row.getLong("sequence"), Sql.instant(row, "at"), AuditEvent.of(row.getString("event")),
                        row.getString("proposal_id"), row.getString("action_id"), row.getString("actor"),
                        row.getString("request_hash"), row.getString("detail")), limit);
    }

    private static void insertAudit(Sql sql, AuditRecord record) throws SQLException {
        sql.update("INSERT INTO audit (at, event, proposal_id, action_id, actor, request_hash, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", record.at(), record.event().label(), record.proposalId(),
                record.actionId(), record.actor(), record.requestHash(),
                record.detail() == null ? "" : record.detail());
    }

    private static StoredProposal storedProposal(ResultSet row) throws SQLException {
        String messageChannel = row.getString("message_channel");
        PostedMessage message = messageChannel == null ? null
                : new PostedMessage(messageChannel, row.getString("message_ts"));
        return new StoredProposal(row.getString("id"), row.getString("action_id"),
                parameters(row.getString("parameters")), row.getString("request_hash"),
                row.getString("request_preview"), row.getString("reason"), Sql.longOrNull(row, "alert_id"),
                row.getString("channel"), row.getString("thread_ts"), row.getString("asked_by"),
                Sql.instant(row, "created_at"), Sql.instant(row, "expires_at"),
                ProposalState.of(row.getString("state")), row.getString("decided_by"), Sql.instant(row, "decided_at"),
                row.getString("decision_note"), message, Sql.intOrNull(row, "result_status"),
                row.getString("result_excerpt"), Sql.instant(row, "finished_at"), row.getLong("render_version"));
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
            read.forEach((name, value) -> parameters.put(name,
                    value instanceof Integer small ? (Object) small.longValue() : value));
            return parameters;
        } catch (IOException corrupt) {
            throw new SQLException("corrupt proposal parameters in the store: " + corrupt.getMessage(), corrupt);
        }
    }
}
