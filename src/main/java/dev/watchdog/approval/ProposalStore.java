package dev.watchdog.approval;

import dev.watchdog.db.StoreException;
import dev.watchdog.slack.PostedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Approval-gated actions: proposals and the append-only audit trail. Every method either completes
 * durably or throws {@link StoreException}. A decision or a run raises the proposal's render version in the same
 * transaction, so its approval message can always be brought up to the store.
 */
public interface ProposalStore {

    /** Saves a new pending proposal and its "proposed" audit record, in one transaction. */
    void createProposal(StoredProposal proposal, AuditRecord proposed);

    Optional<StoredProposal> proposal(String id);

    /** Proposals in {@code state}, oldest first. */
    List<StoredProposal> proposals(ProposalState state);

    /** Records where the proposal's approval message landed: only clicks on that message count. */
    void recordProposalMessage(String id, PostedMessage message);

    /** Shown proposals whose approval message shows an older version than the store holds, oldest first. */
    List<StoredProposal> lagging();

    /** Slack shows version {@code version} ({@link StoredProposal#renderVersion()}) or later of the message. */
    void confirmRendered(String id, long version);

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

    /**
     * Deletes proposals decided (rejected, expired, cancelled, executed, failed) before {@code cutoff}; pending and
     * approved ones stay, and the audit trail keeps every record of them.
     */
    int pruneBefore(Instant cutoff);
}
