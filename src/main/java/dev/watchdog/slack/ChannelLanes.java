package dev.watchdog.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lane per channel: calls to a channel take turns in the order they arrive and are spaced at least
 * {@code interval} apart; calls to different channels never wait for each other.
 */
final class ChannelLanes {

    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ConcurrentMap<String, Lane> lanes = new ConcurrentHashMap<>();

    ChannelLanes(Duration interval, Clock clock, Sleeper sleeper) {
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    Lane lane(String channel) {
        return lanes.computeIfAbsent(channel, ignored -> new Lane());
    }

    /**
     * {@code name} (e.g. {@code #alerts}) is the channel Slack calls {@code id}: from now on both share one lane, so
     * posts by name and updates by id keep one pace. If the id already had a lane of its own, it takes over and
     * keeps whichever next slot is later.
     */
    void alias(String name, String id) {
        Lane named = lane(name);
        Lane byId = lanes.putIfAbsent(id, named);
        if (byId != null && byId != named) {
            byId.notBefore(named.nextSlot.get());
            lanes.put(name, byId);
        }
    }

    final class Lane {

        // Fair, so that waiting callers get their turn in arrival order: a post is never overtaken by a later update.
        private final ReentrantLock turn = new ReentrantLock(true);
        /** Earliest time of the next call; null until the first. Atomic only because {@link #alias} merges lanes. */
        private final AtomicReference<Instant> nextSlot = new AtomicReference<>();

        void enter() throws InterruptedException {
            turn.lockInterruptibly();
        }

        void leave() {
            turn.unlock();
        }

        /** How long the holder would wait for its next call, given it wants to wait at least {@code atLeast}. */
        Duration waitFor(Duration atLeast) {
            Instant slot = nextSlot.get();
            Duration untilSlot = slot == null ? Duration.ZERO : Duration.between(clock.instant(), slot);
            return untilSlot.compareTo(atLeast) > 0 ? untilSlot : atLeast;
        }

        /** Waits out {@link #waitFor}; held by the caller, so the lane stays blocked meanwhile. */
        void awaitSlot(Duration atLeast) throws InterruptedException {
            Duration wait = waitFor(atLeast);
            if (!wait.isZero() && !wait.isNegative()) {
                sleeper.sleep(wait);
            }
        }

        /** A call went out (answered or not, Slack counted it): the next one waits a full interval from now. */
        void called() {
            notBefore(clock.instant().plus(interval));
        }

        private void notBefore(Instant slot) {
            if (slot != null) {
                nextSlot.accumulateAndGet(slot, (current, candidate) ->
                        current == null || candidate.isAfter(current) ? candidate : current);
            }
        }
    }
}
