package dev.watchdog.slack;

import com.slack.api.bolt.middleware.Middleware;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Under a burst of envelopes, acks go first. Work that a handler hands off to run after its ack
 * (store writes, message edits, ephemeral replies) waits, for at most {@code maxDelay}, until the
 * burst is over: no handler on its way to an ack, and none acked within {@link #QUIET}. Bolt takes
 * envelopes off its queue in batches every 10 ms, so a shorter gap is only the space between two
 * batches of the same burst. Slack gives an ack 3 s; the work it started can come a moment later
 * without anyone noticing, and until then it does not take the cores from the acks.
 */
public final class AcksFirst {

    static final Duration QUIET = Duration.ofMillis(25);

    private final long maxDelayNanos;
    private int unacked;
    private long lastAckNanos = System.nanoTime() - QUIET.toNanos();

    public AcksFirst(Duration maxDelay) {
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative: " + maxDelay);
        }
        this.maxDelayNanos = maxDelay.toNanos();
    }

    /** Counts every request from the moment Bolt hands it to the handlers until the handler returns its ack. */
    public Middleware middleware() {
        return (request, response, chain) -> {
            started();
            try {
                return chain.next(request);
            } finally {
                finished();
            }
        };
    }

    /** {@code delegate}, with each task first waiting until the burst is acked (or {@code maxDelay} passed). */
    public Executor deferring(Executor delegate) {
        return task -> delegate.execute(() -> {
            awaitBurstAcked();
            task.run();
        });
    }

    synchronized void started() {
        unacked++;
    }

    synchronized void finished() {
        unacked--;
        lastAckNanos = System.nanoTime();
        if (unacked == 0) {
            notifyAll();
        }
    }

    synchronized int unacked() {
        return unacked;
    }

    /** Returns once the burst is over (see the class), or after {@code maxDelay}; keeps the interrupt flag. */
    synchronized void awaitBurstAcked() {
        long deadline = System.nanoTime() + maxDelayNanos;
        try {
            while (true) {
                long now = System.nanoTime();
                long left = deadline - now;
                long quietIn = lastAckNanos + QUIET.toNanos() - now;
                if (left <= 0 || unacked == 0 && quietIn <= 0) {
                    return;
                }
                long wait = unacked > 0 ? left : Math.min(left, quietIn);
                wait(Math.max(1, wait / 1_000_000));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
