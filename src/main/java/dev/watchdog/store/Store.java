package dev.watchdog.store;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.slack.PostedMessage;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Everything Watchdog must not forget: alert occurrences and their Slack messages, acks and
 * snoozes, conversations, proposed actions and the audit trail. Every method either completes
 * durably or throws {@link StoreException}.
 */
public interface Store extends AutoCloseable {

    /**
     * Records the current alerts of one rule (or source) after an evaluation, in one transaction.
     * An alert with no open occurrence starts one; {@code cancelled} pending alerts that never
     * fired are forgotten.
     */
    void syncAlerts(String ruleKey, Collection<AlertInstance> current, Collection<AlertInstance> cancelled);

    /** Pending and firing alerts, to resume their timers after a restart. */
    List<StoredAlert> openAlerts();

    /** The open occurrence of this alert, else its most recent one. */
    Optional<StoredAlert> latest(String fingerprint);

    Optional<StoredAlert> byId(long id);

    /** The alert whose Slack message this is, e.g. the parent of a thread someone replied in. */
    Optional<StoredAlert> byMessage(String channel, String ts);

    /**
     * The occurrence an alert instance belongs to: the one with its start time, else (when another
     * source raised it first) the open or latest one of its fingerprint.
     */
    Optional<StoredAlert> occurrenceOf(AlertInstance alert);

    /** Notes that a post to Slack is starting, before it is sent. */
    void markPosting(long id, Instant at);

    /** Records where the alert's message landed; from now on it is never posted again. */
    void recordMessage(long id, PostedMessage message);

    /** Notes that the alert was just announced in Slack, so reminders count from now. */
    void markNotified(long id, Instant at);

    /** Keeps the investigator's likely cause of an occurrence, so the message still shows it after a restart. */
    void recordLikelyCause(long id, String cause);

    /** Remembers the id Slack gave a channel configured by name (or by id). */
    void rememberChannel(String name, String id);

    Optional<String> channelId(String name);

    /** Acknowledges an occurrence; returns false when it was already acknowledged. Never changes its state. */
    boolean acknowledge(long id, String userId, Instant at);

    void unacknowledge(long id);

    void snooze(Snooze snooze);

    void unsnooze(String key);

    Optional<Snooze> snoozeOf(String key);

    List<Snooze> snoozes();

    /** The stored chat memory of a thread (JSON written by the agent), if any. */
    Optional<String> conversation(String memoryId);

    void saveConversation(String memoryId, String messagesJson, Instant at);

    void deleteConversation(String memoryId);

    /** Records the tokens one model turn used ({@code kind}: analysis or question). */
    void recordTokenUsage(String memoryId, String kind, long inputTokens, long outputTokens, Instant at);

    /** Input and output tokens used in a thread so far. */
    TokenTotals tokenUsage(String memoryId);

    // ---- approval-gated actions: proposals and the append-only audit trail -----------------------------------

    /** Saves a new pending proposal and its "proposed" audit record, in one transaction. */
    void createProposal(StoredProposal proposal, AuditRecord proposed);

    Optional<StoredProposal> proposal(String id);

    /** Proposals in {@code state}, oldest first. */
    List<StoredProposal> proposals(ProposalState state);

    /** Records where the proposal's approval message landed: only clicks on that message count. */
    void recordProposalMessage(String id, PostedMessage message);

    /**
     * Moves a proposal out of pending, with its audit record, in one transaction; this decides a race
     * between two clicks. Approved and rejected need it pending and unexpired at {@code at}, expired
     * needs it pending and due, cancelled only pending. Returns false, appending nothing, when the
     * proposal was not in that condition (another decision came first).
     */
    boolean decideProposal(String id, ProposalState to, String decidedBy, String note, Instant at, AuditRecord audit);

    /**
     * Records how the run of an approved proposal ended ({@code EXECUTED} or {@code FAILED}), with its audit
     * record; false when the proposal is not approved.
     */
    boolean recordExecution(String id, ProposalState outcome, int status, String excerpt, Instant at,
            AuditRecord audit);

    /** Appends to the audit trail, which nothing ever changes or deletes. */
    void appendAudit(AuditRecord record);

    /** The newest {@code limit} audit records, newest first. */
    List<AuditRecord> recentAudit(int limit);

    /** Deletes resolved occurrences that resolved before {@code cutoff}; returns how many. */
    int pruneResolvedBefore(Instant cutoff);

    @Override
    void close();
}
