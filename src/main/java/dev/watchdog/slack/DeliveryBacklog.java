package dev.watchdog.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What is waiting to reach Slack, for {@code /watchdog status}: messages queued on a delivery thread and calls being
 * paced or retried. A message counts once from the moment it is queued until Slack answered (or refused it), however
 * many layers it passes through: a thread already carrying a counted message does not count its calls again.
 * Thread-safe.
 */
public final class DeliveryBacklog {

    /** How many messages wait, and for how long the oldest of them has waited (zero when none do). */
    public record Snapshot(int waiting, Duration oldestAge) {
    }

    /** One waiting message; {@link #close} when it went out, failed for good, or was dropped. */
    public interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    private static final Ticket ALREADY_COUNTED = () -> { };

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentMap<Long, Instant> waiting = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> carrying = ThreadLocal.withInitial(() -> false);

    public DeliveryBacklog(Clock clock) {
        this.clock = clock;
    }

    /** A message starts waiting now, unless the calling thread is already delivering a counted one. */
    public Ticket enqueue() {
        if (carrying.get()) {
            return ALREADY_COUNTED;
        }
        long id = sequence.incrementAndGet();
        waiting.put(id, clock.instant());
        return () -> waiting.remove(id);
    }

    /** Runs the delivery of a counted message: calls it makes are part of it, not messages of their own. */
    public void deliver(Ticket ticket, Runnable delivery) {
        boolean outer = !carrying.get();
        carrying.set(true);
        try {
            delivery.run();
        } finally {
            if (outer) {
                carrying.set(false);
            }
            ticket.close();
        }
    }

    public Snapshot snapshot() {
        Instant now = clock.instant();
        Duration oldestAge = waiting.values().stream().min(Instant::compareTo)
                .map(oldest -> Duration.between(oldest, now)).orElse(Duration.ZERO);
        return new Snapshot(waiting.size(), oldestAge.isNegative() ? Duration.ZERO : oldestAge);
    }
}
