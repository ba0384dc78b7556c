package dev.watchdog.approval;

import dev.watchdog.slack.PostedMessage;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A proposed action as the store keeps it.
 *
 * @param parameters    the validated parameters (String, Long or Boolean values) in catalogue order
 * @param requestHash   SHA-256 of the exact request shown for approval; re-checked before it is sent
 * @param requestPreview the request as shown (secrets masked)
 * @param alertId       the alert occurrence it belongs to, or null
 * @param channel       where the conversation (and the approval message) is
 * @param threadTs      the thread, or null for the channel itself
 * @param askedBy       the Slack user whose question led to it, or null when nobody asked
 * @param message       the approval message, or null until it is posted
 * @param resultStatus  the HTTP status of the run (0: no answer), or null before it ran
 * @param renderVersion counts the changes its approval message must show; every decision and run adds one, in the
 *                      store and in the copies {@link #decided} and {@link #finished} make
 */
public record StoredProposal(
        String id,
        String actionId,
        Map<String, Object> parameters,
        String requestHash,
        String requestPreview,
        String reason,
        Long alertId,
        String channel,
        String threadTs,
        String askedBy,
        Instant createdAt,
        Instant expiresAt,
        ProposalState state,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        PostedMessage message,
        Integer resultStatus,
        String resultExcerpt,
        Instant finishedAt,
        long renderVersion) {

    public StoredProposal {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A new proposal, pending, not yet shown. */
    public static StoredProposal pending(String id, String actionId, Map<String, Object> parameters,
            String requestHash, String requestPreview, String reason, Long alertId, String channel, String threadTs,
            String askedBy, Instant createdAt, Instant expiresAt) {
        return new StoredProposal(id, actionId, parameters, requestHash, requestPreview, reason, alertId, channel,
                threadTs, askedBy, createdAt, expiresAt, ProposalState.PENDING, null, null, null, null, null, null,
                null, 0);
    }

    /** This proposal as it reads after a decision (approved, rejected, expired, cancelled). */
    public StoredProposal decided(ProposalState to, String by, Instant at, String note) {
        return new StoredProposal(id, actionId, parameters, requestHash, requestPreview, reason, alertId, channel,
                threadTs, askedBy, createdAt, expiresAt, to, by, at, note, message, resultStatus, resultExcerpt,
                finishedAt, renderVersion + 1);
    }

    /** This proposal as it reads after its run ended ({@code EXECUTED} or {@code FAILED}). */
    public StoredProposal finished(ProposalState outcome, int status, String excerpt, Instant at) {
        return new StoredProposal(id, actionId, parameters, requestHash, requestPreview, reason, alertId, channel,
                threadTs, askedBy, createdAt, expiresAt, outcome, decidedBy, decidedAt, decisionNote, message, status,
                excerpt, at, renderVersion + 1);
    }

    public StoredProposal shownIn(PostedMessage shown) {
        return new StoredProposal(id, actionId, parameters, requestHash, requestPreview, reason, alertId, channel,
                threadTs, askedBy, createdAt, expiresAt, state, decidedBy, decidedAt, decisionNote, shown,
                resultStatus, resultExcerpt, finishedAt, renderVersion);
    }

    /** True once {@code now} has reached the expiry time, whatever the stored state says. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
