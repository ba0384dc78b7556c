package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.db.Leadership.Lease;
import dev.watchdog.db.Leadership.Replica;
import dev.watchdog.db.Leadership.ReplicaStatus;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RealPostgres;
import dev.watchdog.testing.RealPostgres.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas, each with its own {@link Database} and clock, sharing one lease on a real
 * PostgreSQL. Time passes by moving the clocks, never by sleeping.
 */
class LeaseLeadershipIT {

    private static final TestDatabase DATABASE = RealPostgres.newDatabase();
    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(30);
    private static final Duration LEASE = POLL.multipliedBy(2);
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final PostgresSettings schema = DATABASE.newSchema();
    private final Database databaseA = Database.postgresql(schema);
    private final Database databaseB = Database.postgresql(schema);
    private final MutableClock clock = new MutableClock(T0);
    private final Leadership a = Leadership.of(databaseA, new Replica("a", "host-a"), POLL, clock);
    private final Leadership b = Leadership.of(databaseB, new Replica("b", "host-b"), POLL, clock);

    @AfterEach
    void close() {
        databaseA.close();
        databaseB.close();
    }

    /** A write only the leader may make: a note, fenced with {@code epoch}. */
    private static void postAs(Leadership leader, Database database, long epoch, String note) {
        database.inTransaction("post " + note, sql -> {
            leader.fence(sql, epoch);
            return sql.update("INSERT INTO posted (note) VALUES (?)", note);
        });
    }

    private void makePostedTable() {
        databaseA.update("make a table", "CREATE TABLE posted (note TEXT NOT NULL)");
    }

    private Iterable<String> posted() {
        return databaseA.query("read what was posted", "SELECT note FROM posted ORDER BY note", row -> row.getString(1));
    }

    @Test
    void theFirstReplicaToAskLeadsAndKeepsItsEpochWhileItRenews() {
        assertThat(a.tryAcquireOrRenew()).contains(new Lease(1, T0, T0.plus(LEASE)));
        assertThat(b.tryAcquireOrRenew()).isEmpty();
        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();
        assertThat(a.nextAttempt()).as("renew halfway through").isEqualTo(T0.plus(POLL));
        assertThat(b.nextAttempt()).as("try when the lease ends").isEqualTo(T0.plus(LEASE));

        clock.advance(POLL);
        assertThat(a.tryAcquireOrRenew()).contains(new Lease(1, T0, T0.plus(POLL).plus(LEASE)));
        clock.advance(POLL.plusSeconds(1));
        assertThat(b.tryAcquireOrRenew()).as("renewed, so not over yet").isEmpty();
        assertThat(a.isLeader()).isTrue();
    }

    @Test
    void aLeaseNotRenewedPassesToTheNextReplicaWithAHigherEpoch() {
        a.tryAcquireOrRenew();
        clock.advance(LEASE.minusMillis(1));
        assertThat(b.tryAcquireOrRenew()).isEmpty();

        clock.advance(Duration.ofMillis(1));
        Instant takeover = clock.instant();
        assertThat(a.isLeader()).as("by its own clock, a knows its lease ended").isFalse();
        assertThat(b.tryAcquireOrRenew()).contains(new Lease(2, takeover, takeover.plus(LEASE)));
        assertThat(a.tryAcquireOrRenew()).as("a paused leader that wakes up").isEmpty();
        assertThat(b.isLeader()).isTrue();
        assertThat(a.status()).extracting(ReplicaStatus::id, ReplicaStatus::leaderSince)
                .containsExactly(Tuple.tuple("a", null), Tuple.tuple("b", takeover));
    }

    @Test
    void aWriteUnderAStaleEpochIsRefusedAndKeepsNothing() {
        makePostedTable();
        long epochOfA = a.tryAcquireOrRenew().orElseThrow().epoch();
        postAs(a, databaseA, epochOfA, "1 by a");
        clock.advance(LEASE);
        long epochOfB = b.tryAcquireOrRenew().orElseThrow().epoch();

        assertThatThrownBy(() -> postAs(a, databaseA, epochOfA, "2 by a after b took over"))
                .isInstanceOf(StaleLeaseException.class)
                .hasMessage("replica a no longer leads: its lease has epoch 1, the current one 2");
        postAs(b, databaseB, epochOfB, "3 by b");

        assertThat(posted()).containsExactly("1 by a", "3 by b");
        assertThat(a.isLeader()).isFalse();
    }

    @Test
    void aTakeoverWaitsForTheFencedWriteInProgressSoItLandsInItsEpoch() throws Exception {
        makePostedTable();
        long epochOfA = a.tryAcquireOrRenew().orElseThrow().epoch();
        clock.advance(LEASE);

        CompletableFuture<Optional<Lease>> takeover = databaseA.inTransaction("post slowly", sql -> {
            a.fence(sql, epochOfA);
            CompletableFuture<Optional<Lease>> started = CompletableFuture.supplyAsync(b::tryAcquireOrRenew);
            Await.until(BOUND, () -> DATABASE.sessionsWaitingForALock() == 1,
                    () -> "b's takeover did not wait for a's fenced write");
            sql.update("INSERT INTO posted (note) VALUES ('by a, fenced before b took over')");
            return started;
        });

        assertThat(takeover.get(BOUND.toSeconds(), TimeUnit.SECONDS)).map(Lease::epoch).contains(2L);
        assertThat(posted()).containsExactly("by a, fenced before b took over");
    }

    @Test
    void aFenceOutsideATransactionIsAMistake() {
        long epoch = a.tryAcquireOrRenew().orElseThrow().epoch();

        assertThatThrownBy(() -> databaseA.run("post unfenced", sql -> {
            a.fence(sql, epoch);
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessage("fence inside the transaction of the write it guards");
    }

    @Test
    void replicasAskingForAFreeLeaseAtOnceGetOneLeader() throws Exception {
        for (int round = 1; round <= 5; round++) {
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Optional<Lease>> byA = CompletableFuture.supplyAsync(() -> askTogether(a, together));
            CompletableFuture<Optional<Lease>> byB = CompletableFuture.supplyAsync(() -> askTogether(b, together));

            Optional<Lease> leaseOfA = byA.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            Optional<Lease> leaseOfB = byB.get(BOUND.toSeconds(), TimeUnit.SECONDS);

            assertThat(leaseOfA.isPresent() ^ leaseOfB.isPresent()).as("one leader in round " + round).isTrue();
            assertThat(leaseOfA.or(() -> leaseOfB)).map(Lease::epoch).contains((long) round);
            (a.isLeader() ? a : b).release();
        }
    }

    private static Optional<Lease> askTogether(Leadership replica, CyclicBarrier together) {
        try {
            together.await(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return replica.tryAcquireOrRenew();
    }

    @Test
    void aReplicaThatStopsGivesTheLeadUpAtOnceAndLeavesTheStatus() {
        a.tryAcquireOrRenew();
        b.tryAcquireOrRenew();

        a.release();

        assertThat(a.isLeader()).isFalse();
        assertThat(b.tryAcquireOrRenew()).map(Lease::epoch).contains(2L);
        assertThat(b.status()).extracting(ReplicaStatus::id).containsExactly("b");
    }

    @Test
    void theStatusListsTheReplicasSeenLatelyWithTheLeaderAndSince() {
        a.tryAcquireOrRenew();
        clock.advance(Duration.ofSeconds(5));
        b.tryAcquireOrRenew();
        clock.advance(Duration.ofSeconds(5));

        assertThat(b.status()).containsExactly(
                new ReplicaStatus("a", "host-a", T0, T0, T0),
                new ReplicaStatus("b", "host-b", T0, T0.plusSeconds(5), null));

        clock.advance(LEASE.multipliedBy(30));
        b.tryAcquireOrRenew();
        assertThat(b.status()).as("a has not been seen for 30 leases").extracting(ReplicaStatus::id)
                .containsExactly("b");
    }
}
