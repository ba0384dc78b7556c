package dev.watchdog.slack;

/**
 * Slack message metadata Watchdog attaches to what it posts ({@code event_type} and an id), so
 * that after a crash it can find a message it posted but had no time to record.
 */
public record MessageTag(String type, String id) {

    public static MessageTag alert(long occurrenceId) {
        return new MessageTag("watchdog_alert", Long.toString(occurrenceId));
    }

    /** An alert storm's message, by the storm's id. */
    public static MessageTag storm(long stormId) {
        return new MessageTag("watchdog_alert_storm", Long.toString(stormId));
    }

    /** A proposal's approval message, by the proposal's id. */
    public static MessageTag approval(String proposalId) {
        return new MessageTag("watchdog_approval", proposalId);
    }

    /** A note about a proposal in its thread (why it was withdrawn), by the proposal's id. */
    public static MessageTag proposalNote(String proposalId) {
        return new MessageTag("watchdog_proposal_note", proposalId);
    }

    /** A "Looking into it…" message, by the key {@link Placeholders} keeps it under. */
    public static MessageTag placeholder(String key) {
        return new MessageTag("watchdog_placeholder", key);
    }
}
