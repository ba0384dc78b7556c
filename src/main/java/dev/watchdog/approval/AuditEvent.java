package dev.watchdog.approval;

import java.util.Locale;

/** What an audit record says happened. */
public enum AuditEvent {
    PROPOSED,
    APPROVED,
    REJECTED,
    EXPIRED,
    CANCELLED,
    EXECUTED,
    FAILED,
    /** Someone tried to approve or reject and was refused; nothing changed. */
    REFUSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AuditEvent of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
