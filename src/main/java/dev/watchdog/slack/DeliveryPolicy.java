package dev.watchdog.slack;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link PacedRetryingSlackPoster} paces and retries Slack calls. Every setting is checked when the policy is
 * made, with a message naming the setting, so a bad value fails at start-up rather than at the first outage.
 *
 * <p>There is no attempt cap and no deadline: a passing trouble is retried until Slack answers, so an alert is never
 * dropped or put off for minutes because an outage outlasted a budget. The backoff cap is what bounds how late a
 * queued message goes out once Slack is back.
 *
 * @param perChannelInterval least time between two writes to one channel (Slack allows about one per second)
 * @param firstBackoff       backoff before the first retry of a transient failure; doubles for each further retry
 * @param maxBackoff         the doubling stops here: once Slack recovers, the next try is at most this far away
 */
public record DeliveryPolicy(Duration perChannelInterval, Duration firstBackoff, Duration maxBackoff) {

    /**
     * About one write per second per channel, as Slack documents for chat.postMessage. The first retry waits 1-2 s
     * (a shorter one would be held back by the pace anyway); retries during a long outage come every 5-10 s, so
     * everything queued goes out within seconds of Slack answering again.
     */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10));

    public DeliveryPolicy {
        Objects.requireNonNull(perChannelInterval, "perChannelInterval");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (perChannelInterval.isNegative()) {
            throw new IllegalArgumentException("perChannelInterval must not be negative, was " + perChannelInterval);
        }
        if (firstBackoff.isNegative() || firstBackoff.isZero()) {
            throw new IllegalArgumentException("firstBackoff must be positive, was " + firstBackoff);
        }
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be less than firstBackoff ("
                    + firstBackoff + ")");
        }
    }

    /** This policy with another pace per channel ({@code slack.post-interval}). */
    public DeliveryPolicy withPerChannelInterval(Duration interval) {
        return new DeliveryPolicy(interval, firstBackoff, maxBackoff);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): exponential, capped, with "equal jitter":
     * half of it fixed so retries never bunch up at zero, half random so many callers do not retry in step.
     *
     * @param jitter a number in [0, 1)
     */
    public Duration backoffBeforeRetry(int retry, double jitter) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1, was " + retry);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
        long cap = maxBackoff.toNanos();
        long backoff = firstBackoff.toNanos();
        for (int doubling = 1; doubling < retry && backoff < cap; doubling++) {
            backoff = backoff > cap / 2 ? cap : backoff * 2; // stop at the cap before a long could overflow
        }
        long half = backoff / 2;
        return Duration.ofNanos(backoff - half + (long) (half * jitter));
    }
}
