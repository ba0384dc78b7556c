package dev.watchdog.testing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Message timestamps ("ts") in Slack's format: seconds since the epoch, a dot, six digits. Slack
 * uses ts as a message id, so every fake message gets a distinct one; like real ones they follow
 * the wall clock (so "history since" queries work) and increase, so sorting by ts keeps posting
 * order.
 */
public final class SlackTimestamps {

    private static final AtomicLong LAST_MICROS = new AtomicLong();

    private SlackTimestamps() {
    }

    public static String next() {
        long micros = LAST_MICROS.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}
