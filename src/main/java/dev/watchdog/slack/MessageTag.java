package dev.watchdog.slack;

/**
 * Slack message metadata Watchdog attaches to what it posts ({@code event_type} and an id), so
 * that after a crash it can find a message it posted but had no time to record.
 */
public record MessageTag(String type, String id) {

    public static MessageTag alert(long occurrenceId) {
        return new MessageTag("watchdog_alert", Long.toString(occurrenceId));
    }

    /** A "Looking into it…" message, by the key {@link Placeholders} keeps it under. */
    public static MessageTag placeholder(String key) {
        return new MessageTag("watchdog_placeholder", key);
    }
}
