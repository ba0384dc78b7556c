package dev.watchdog.db;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Leadership through the {@code leases} row on PostgreSQL. Taking, renewing and giving up the lead
 * are each one conditional {@code UPDATE}: replicas that ask at once queue on the row's lock, and
 * each sees the row as the one before left it, so exactly one holds it. Times come from the
 * replicas' clocks, which must agree to well within a poll interval (NTP does).
 */
final class LeaseLeadership implements Leadership {

    /** A replica not seen for this many leases is taken off the status list: it was stopped or replaced. */
    private static final int FORGET_AFTER_LEASES = 30;

    private final Database database;
    private final Replica replica;
    private final Duration lease;
    private final Clock clock;
    private final Instant startedAt;
    private volatile Lease held;
    private volatile Instant nextAttempt;

    private record Holder(String id, Lease lease) {
    }

    LeaseLeadership(Database database, Replica replica, Duration lease, Clock clock) {
        this.database = database;
        this.replica = replica;
        this.lease = lease;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.nextAttempt = startedAt;
    }

    @Override
    public Optional<Lease> tryAcquireOrRenew() {
        Instant now = clock.instant();
        String id = replica.id();
        Optional<Lease> taken = database.inTransaction("renew the lease of replica " + id, sql -> {
            sql.update("INSERT INTO replicas (id, host, started_at, last_seen) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen", id, replica.host(), startedAt,
                    now);
            sql.update("DELETE FROM replicas WHERE last_seen < ?", now.minus(lease.multipliedBy(FORGET_AFTER_LEASES)));
            // Every right-hand side reads the row as it was: a new holder gets the next epoch and a new since.
            sql.update("UPDATE leases SET epoch = CASE WHEN holder = ? THEN epoch ELSE epoch + 1 END,"
                    + " since = CASE WHEN holder = ? THEN since ELSE ? END, holder = ?, until = ?"
                    + " WHERE name = 'leader' AND (holder = ? OR until <= ?)", id, id, now, id, now.plus(lease), id, now);
            Holder current = sql.first("SELECT holder, epoch, since, until FROM leases WHERE name = 'leader'",
                    row -> new Holder(row.getString("holder"), new Lease(row.getLong("epoch"), Sql.instant(row, "since"),
                            Sql.instant(row, "until")))).orElseThrow(() -> new SQLException("no leader row in leases"));
            boolean mine = id.equals(current.id());
            nextAttempt = mine ? now.plus(lease.dividedBy(2)) : min(current.lease().until(), now.plus(lease));
            return mine ? Optional.of(current.lease()) : Optional.<Lease>empty();
        });
        held = taken.orElse(null);
        return taken;
    }

    private static Instant min(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    @Override
    public boolean isLeader() {
        Lease current = held;
        return current != null && clock.instant().isBefore(current.until());
    }

    @Override
    public Instant nextAttempt() {
        return nextAttempt;
    }

    @Override
    public void fence(Sql sql, long epoch) throws SQLException {
        if (sql.connection().getAutoCommit()) {
            throw new IllegalStateException("fence inside the transaction of the write it guards");
        }
        // FOR SHARE: a takeover, an UPDATE of this row, waits until the write being fenced commits.
        long current = sql.first("SELECT epoch FROM leases WHERE name = 'leader' FOR SHARE", row -> row.getLong(1))
                .orElseThrow(() -> new SQLException("no leader row in leases"));
        if (current != epoch) {
            held = null;
            throw new StaleLeaseException(replica.id(), epoch, current);
        }
    }

    @Override
    public void release() {
        Instant now = clock.instant();
        database.inTransaction("give up the lead of replica " + replica.id(), sql -> {
            // No holder: whoever takes it next, this replica too, starts a new epoch.
            sql.update("UPDATE leases SET holder = NULL, until = ? WHERE name = 'leader' AND holder = ?", now,
                    replica.id());
            return sql.update("DELETE FROM replicas WHERE id = ?", replica.id());
        });
        held = null;
    }

    @Override
    public List<ReplicaStatus> status() {
        return database.query("read the replicas", "SELECT r.id, r.host, r.started_at, r.last_seen, l.since"
                + " FROM replicas r LEFT JOIN leases l ON l.name = 'leader' AND l.holder = r.id AND l.until > ?"
                + " ORDER BY r.started_at, r.id", row -> new ReplicaStatus(row.getString("id"), row.getString("host"),
                        Sql.instant(row, "started_at"), Sql.instant(row, "last_seen"), Sql.instant(row, "since")),
                clock.instant());
    }
}
