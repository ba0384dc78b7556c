package dev.watchdog.alerting;

import java.time.Instant;
import java.util.Optional;

/**
 * What Watchdog knows about its view of Prometheus: when it last polled, whether that worked,
 * and for how many polls in a row it has been blind. Read by /watchdog status and /readyz.
 */
public final class PollStatus {

    /** @param lastError null when the last poll reached Prometheus */
    public record Snapshot(Instant lastPoll, Instant lastSuccess, int consecutiveFailures, String lastError) {

        public boolean reachable() {
            return lastPoll != null && lastError == null;
        }
    }

    private volatile Snapshot current = new Snapshot(null, null, 0, null);

    /** A poll at {@code at} reached Prometheus; one at an earlier time than the last poll is late news, ignored. */
    public synchronized void succeeded(Instant at) {
        if (isLate(at)) {
            return;
        }
        current = new Snapshot(at, at, 0, null);
    }

    /**
     * Counts a failed poll. Rule groups due at the same moment are polled at the same evaluation time;
     * when several fail at one time, that is one failed poll, not one per group. Groups evaluate concurrently and
     * finish in any order: a poll at an earlier time than the last one is late news, ignored.
     */
    public synchronized void failed(Instant at, String error) {
        if (isLate(at)) {
            return;
        }
        boolean samePoll = current.lastError() != null && at.equals(current.lastPoll());
        current = new Snapshot(at, current.lastSuccess(), current.consecutiveFailures() + (samePoll ? 0 : 1), error);
    }

    private boolean isLate(Instant at) {
        return current.lastPoll() != null && at.isBefore(current.lastPoll());
    }

    public Snapshot snapshot() {
        return current;
    }

    public Optional<Instant> lastPoll() {
        return Optional.ofNullable(current.lastPoll());
    }
}
