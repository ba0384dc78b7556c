package dev.watchdog.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One lane per channel: calls to a channel take turns by {@link WriteClass} first and arrival second, and are spaced
 * at least {@code interval} apart whatever their class; calls to different channels never wait for each other.
 */
final class ChannelLanes {

    private static final Comparator<Waiter> TURNS =
            Comparator.comparing(Waiter::writeClass).thenComparingLong(Waiter::arrival);

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

    private record Waiter(WriteClass writeClass, long arrival) {
    }

    final class Lane {

        /**
         * Waiting callers by class, then arrival: within a class a post is never overtaken by a later update, and an
         * edit is never held up by thread content that merely arrived first. Guarded by {@code this}.
         */
        private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(TURNS);
        private long arrivals;
        /** The caller inside the lane and its thread; null when the lane is free. Guarded by {@code this}. */
        private Waiter holder;
        private Thread holderThread;
        /** Earliest time of the next call; null until the first. Atomic only because {@link #alias} merges lanes. */
        private final AtomicReference<Instant> nextSlot = new AtomicReference<>();

        /** Waits until no caller of a more urgent class, or of the same class but earlier, is waiting or inside. */
        synchronized void enter(WriteClass writeClass) throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException("stopping: no new call to Slack"); // even when nobody is ahead
            }
            awaitTurn(new Waiter(writeClass, arrivals++));
        }

        /** Leaves the lane, if this thread holds it (a caller interrupted while it gave way does not). */
        synchronized void leave() {
            if (holderThread == Thread.currentThread()) {
                holder = null;
                holderThread = null;
                notifyAll();
            }
        }

        /** How long the holder would wait for its next call, given it wants to wait at least {@code atLeast}. */
        Duration waitFor(Duration atLeast) {
            Instant slot = nextSlot.get();
            Duration untilSlot = slot == null ? Duration.ZERO : Duration.between(clock.instant(), slot);
            return untilSlot.compareTo(atLeast) > 0 ? untilSlot : atLeast;
        }

        /**
         * Waits out {@link #waitFor}, holding the lane so that the pace and a Retry-After hold for every class. If a
         * more urgent caller came meanwhile, the slot is its: the holder gives way, keeping its place in its own
         * class, and waits for its turn and its next slot again. So an edit waits for the call in flight and the
         * pace, never also for a bulk call that happened to be sleeping out the pace when the edit came.
         */
        void awaitSlot(Duration atLeast) throws InterruptedException {
            Duration wait = waitFor(atLeast);
            while (true) {
                if (!wait.isZero() && !wait.isNegative()) {
                    sleeper.sleep(wait);
                }
                if (!gaveWay()) {
                    return;
                }
                wait = waitFor(Duration.ZERO); // the pace after the call that went first
            }
        }

        private synchronized boolean gaveWay() throws InterruptedException {
            Waiter first = waiting.peek();
            if (first == null || TURNS.compare(first, holder) >= 0) {
                return false;
            }
            Waiter me = holder;
            holder = null;
            holderThread = null;
            notifyAll();
            awaitTurn(me);
            return true;
        }

        /** Queues {@code me} and returns once it holds the lane; called holding {@code this}. */
        private void awaitTurn(Waiter me) throws InterruptedException {
            waiting.add(me);
            try {
                while (holder != null || waiting.peek() != me) {
                    wait();
                }
            } catch (InterruptedException interrupted) {
                waiting.remove(me);
                notifyAll(); // whoever was behind this caller may be first now
                throw interrupted;
            }
            waiting.remove();
            holder = me;
            holderThread = Thread.currentThread();
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
