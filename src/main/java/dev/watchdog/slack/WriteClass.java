package dev.watchdog.slack;

import java.util.Locale;

/**
 * How urgently a Slack write is awaited. Writes are taken by class first and arrival second, both when they wait to
 * be delivered and when they wait for their turn in a channel's lane, so a queue of thread content never holds up an
 * edit somebody's click is waiting for. Declared most urgent first: the order is the priority.
 */
public enum WriteClass {

    /** Edits of messages already posted (alerts, storms, approvals, placeholders) and answers to people. */
    INTERACTIVE,
    /** New alert messages, reminders that re-post, the first message of a storm. */
    ALERT,
    /** Thread content nobody is waiting on: investigations of alerts, "Resolved after", reports, digests. */
    BULK;

    /** The lower-case name shown in {@code /watchdog status} and used in thread names. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
