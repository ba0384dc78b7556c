package dev.watchdog.approval;

import java.util.Locale;

/**
 * Where a proposed action stands. A proposal leaves {@code PENDING} exactly once; an approved one
 * is marked before it runs, so a crash mid-run leaves it {@code APPROVED} and it never runs again.
 */
public enum ProposalState {
    PENDING,
    /** Claimed by an approver; the request is being (or was being) sent. */
    APPROVED,
    REJECTED,
    EXPIRED,
    /** Never shown: its approval message could not be posted. */
    CANCELLED,
    /** Approved and sent; the peer answered 2xx. */
    EXECUTED,
    /** Approved and sent (or tried); the peer refused, failed or did not answer. */
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ProposalState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
