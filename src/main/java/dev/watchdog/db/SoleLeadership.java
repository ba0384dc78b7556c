package dev.watchdog.db;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One process owns a SQLite store, so it always leads, and nothing needs fencing. */
final class SoleLeadership implements Leadership {

    private static final long EPOCH = 1;

    private final Replica replica;
    private final Duration lease;
    private final Clock clock;
    private final Instant startedAt;

    SoleLeadership(Replica replica, Duration lease, Clock clock) {
        this.replica = replica;
        this.lease = lease;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    public Optional<Lease> tryAcquireOrRenew() {
        return Optional.of(new Lease(EPOCH, startedAt, clock.instant().plus(lease)));
    }

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public Instant nextAttempt() {
        return clock.instant().plus(lease.dividedBy(2));
    }

    @Override
    public void fence(Sql sql, long epoch) {
        // no other process can write
    }

    @Override
    public void release() {
        // no one to pass the lead to
    }

    @Override
    public List<ReplicaStatus> status() {
        return List.of(new ReplicaStatus(replica.id(), replica.host(), startedAt, clock.instant(), startedAt));
    }
}
