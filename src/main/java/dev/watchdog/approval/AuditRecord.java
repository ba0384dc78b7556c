package dev.watchdog.approval;

import java.time.Instant;

/**
 * One line of the append-only audit trail: who did what to which proposal, when.
 *
 * @param sequence   the record's number, assigned by the store (0 before it is appended)
 * @param proposalId the proposal concerned; for a forged button, the (cut) value it carried
 * @param actionId   the catalogue action, or null when the proposal is unknown
 * @param actor      the Slack user who proposed (asked), decided or tried; {@code watchdog} for expiry and runs
 * @param requestHash the SHA-256 of the exact request, or null when unknown
 * @param detail     the outcome in words: a refusal's reason, an HTTP status and excerpt, a reject reason
 */
public record AuditRecord(long sequence, Instant at, AuditEvent event, String proposalId, String actionId,
        String actor, String requestHash, String detail) {

    /** The actor of records Watchdog writes on its own (expiry, execution results). */
    public static final String WATCHDOG = "watchdog";

    public static AuditRecord of(Instant at, AuditEvent event, String proposalId, String actionId, String actor,
            String requestHash, String detail) {
        return new AuditRecord(0, at, event, proposalId, actionId, actor, requestHash, detail);
    }
}
