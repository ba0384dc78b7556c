package dev.watchdog.testing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Message timestamps ("ts") in Slack's format. Slack uses ts as a message id, so every fake message gets a
 * distinct one; they increase, like real ones, so sorting by ts keeps posting order.
 */
public final class SlackTimestamps {

    /** 2023-11-14, an arbitrary fixed start: tests never depend on the wall clock through a ts. */
    private static final long FIRST_SECOND = 1_700_000_000L;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private SlackTimestamps() {
    }

    public static String next() {
        return (FIRST_SECOND + SEQUENCE.incrementAndGet()) + ".000100";
    }
}
