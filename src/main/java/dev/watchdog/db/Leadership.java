package dev.watchdog.db;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Which replica leads: only the leader polls Prometheus, evaluates rules, posts alerts and runs
 * routines; every replica serves people. A replica asks once per poll with
 * {@link #tryAcquireOrRenew}; a leader that stops asking loses the lead when its lease ends, two
 * poll intervals after it last asked, and the next replica to ask takes over with a higher epoch.
 *
 * <p>The epoch is a fencing token: a leader paused past its lease (a long GC, SIGSTOP) still
 * believes it leads when it wakes, so every write only the leader may make calls {@link #fence}
 * with its lease's epoch inside the write's own transaction, and is refused once another replica
 * took over.
 */
public interface Leadership {

    /**
     * One replica's term as leader.
     *
     * @param epoch the fencing token: higher for every new leader, the same while one renews
     * @param since when this replica took the lead
     * @param until when the lead passes on unless renewed
     */
    record Lease(long epoch, Instant since, Instant until) {
    }

    /** This process among the replicas. */
    record Replica(String id, String host) {

        /** The host name and process id, and a random part, since a restarted container has the same of both. */
        public static Replica thisProcess() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException unnamed) {
                host = System.getenv().getOrDefault("HOSTNAME", "localhost");
            }
            byte[] random = new byte[3];
            new SecureRandom().nextBytes(random);
            return new Replica(host + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random),
                    host);
        }
    }

    /** A replica as {@code /watchdog status} lists it; {@code leaderSince} is null unless it leads. */
    record ReplicaStatus(String id, String host, Instant startedAt, Instant lastSeen, Instant leaderSince) {

        public boolean leads() {
            return leaderSince != null;
        }
    }

    /**
     * Leadership among the replicas sharing {@code database}: a lease row on PostgreSQL, lasting two
     * poll intervals; on SQLite, which one process owns, this process always leads.
     */
    static Leadership of(Database database, Replica replica, Duration pollInterval, Clock clock) {
        Duration lease = pollInterval.multipliedBy(2);
        return database.dialect() == PostgresDialect.INSTANCE ? new LeaseLeadership(database, replica, lease, clock)
                : new SoleLeadership(replica, lease, clock);
    }

    /** Takes the lead if it is free or its lease has ended, or extends this replica's own lease. */
    Optional<Lease> tryAcquireOrRenew();

    /** Whether this replica's last lease still runs, by its own clock. */
    boolean isLeader();

    /** When to ask again: halfway through this replica's lease, or when the current leader's lease ends. */
    Instant nextAttempt();

    /**
     * Refuses, with {@link StaleLeaseException}, a write made under lease {@code epoch} once another
     * replica took over. Call it inside the write's transaction: until that commits, no other replica
     * can take over, so the write lands in the epoch it was checked in.
     */
    void fence(Sql sql, long epoch) throws SQLException;

    /** Gives the lead up at once, for a replica that stops: another takes over at its next attempt. */
    void release();

    /** The replicas seen lately, oldest first, and which one leads. */
    List<ReplicaStatus> status();
}
