package dev.watchdog.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What is waiting to reach Slack, for {@code /watchdog status}, in all and per {@link WriteClass}: messages queued
 * for delivery and calls being paced or retried. A message counts once from the moment it is queued until Slack
 * answered (or refused it), however many layers it passes through: a thread already carrying a counted message does
 * not count its calls again. Thread-safe.
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
    private final ConcurrentMap<Long, Waiting> waiting = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> carrying = ThreadLocal.withInitial(() -> false);

    public DeliveryBacklog(Clock clock) {
        this.clock = clock;
    }

    /** An {@link WriteClass#ALERT} message starts waiting now, as {@link #enqueue(WriteClass)}. */
    public Ticket enqueue() {
        return enqueue(WriteClass.ALERT);
    }

    /** A message of {@code writeClass} starts waiting now, unless the calling thread is already delivering one. */
    public Ticket enqueue(WriteClass writeClass) {
        return carrying.get() ? ALREADY_COUNTED : queued(writeClass);
    }

    /**
     * A message queued for later delivery starts waiting now: it counts even when a thread delivering another one
     * queues it (a resolution queueing its note, say), since it is delivered apart from that one.
     */
    public Ticket queued(WriteClass writeClass) {
        long id = sequence.incrementAndGet();
        waiting.put(id, new Waiting(writeClass, clock.instant()));
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

    /** Everything waiting, whatever its class. */
    public Snapshot snapshot() {
        return snapshotOf(waiting.values(), clock.instant());
    }

    /** What waits in each class, most urgent first; a class with nothing waiting is there with zero. */
    public Map<WriteClass, Snapshot> byClass() {
        Instant now = clock.instant();
        Collection<Waiting> all = waiting.values();
        Map<WriteClass, Snapshot> byClass = new EnumMap<>(WriteClass.class);
        for (WriteClass writeClass : WriteClass.values()) {
            byClass.put(writeClass, snapshotOf(all.stream().filter(one -> one.writeClass() == writeClass).toList(),
                    now));
        }
        return byClass;
    }

    private static Snapshot snapshotOf(Collection<Waiting> waiting, Instant now) {
        Duration oldestAge = waiting.stream().map(Waiting::since).min(Instant::compareTo)
                .map(oldest -> Duration.between(oldest, now)).orElse(Duration.ZERO);
        return new Snapshot(waiting.size(), oldestAge.isNegative() ? Duration.ZERO : oldestAge);
    }

    private record Waiting(WriteClass writeClass, Instant since) {
    }
}
