package dev.watchdog.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.db.Database;
import dev.watchdog.db.Leadership;
import dev.watchdog.db.Sql;
import dev.watchdog.db.StaleLeaseException;
import dev.watchdog.db.StoreException;
import dev.watchdog.ops.Readiness;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaderTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(T0);
    private final Database database = Database.inMemory();
    private final ScriptedLeadership leadership = new ScriptedLeadership();
    private final Readiness readiness = new Readiness();
    private final Readiness.Condition store = readiness.register("store");
    private final Leader leader = new Leader(database, leadership, POLL, clock, store);
    private final List<String> said = new ArrayList<>();
    private int takeOvers;

    LeaderTest() {
        leader.onStoreOutage(said::add);
        leader.onTakeOver(() -> takeOvers++);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void takingTheLeadRunsTheTakeOverActionsOnceAndLosingItAllowsNoFencedWrite() {
        leadership.next = Optional.of(new Leadership.Lease(1, T0, T0.plus(POLL.multipliedBy(2))));
        leader.runOnce();
        clock.advance(POLL);
        leader.runOnce();
        assertThat(takeOvers).as("renewing is not taking over").isEqualTo(1);
        assertThat(leader.fenced("write", () -> "written")).isEqualTo("written");

        leadership.next = Optional.empty();
        clock.advance(POLL);
        leader.runOnce();
        assertThatThrownBy(() -> leader.fenced("write", () -> "written")).isInstanceOf(StaleLeaseException.class);

        leadership.next = Optional.of(new Leadership.Lease(3, T0, T0.plus(POLL.multipliedBy(5))));
        clock.advance(POLL);
        leader.runOnce();
        assertThat(takeOvers).as("a new term is a new take-over").isEqualTo(2);
    }

    @Test
    void aLeaderThatLosesItsStoreSaysSoOnceAndAgainWhenItIsBack() {
        leadership.next = Optional.of(new Leadership.Lease(1, T0, T0.plus(POLL.multipliedBy(2))));
        leader.runOnce();
        assertThat(store.isReady()).isTrue();

        leadership.failing = true;
        for (int i = 0; i < 3; i++) {
            clock.advance(POLL);
            leader.runOnce();
        }
        assertThat(store.isReady()).isFalse();
        assertThat(said).singleElement().asString().startsWith(":warning: Watchdog cannot reach its store");

        leadership.failing = false;
        clock.advance(POLL);
        leader.runOnce();
        assertThat(store.isReady()).isTrue();
        assertThat(said).hasSize(2).last().asString().isEqualTo(":white_check_mark: Watchdog reaches its store again.");
    }

    @Test
    void aFollowerLogsAnOutageButLeavesSlackToTheLeader() {
        leadership.next = Optional.empty();
        leader.runOnce();
        leadership.failing = true;
        clock.advance(POLL);
        leader.runOnce();

        assertThat(store.isReady()).isFalse();
        assertThat(said).isEmpty();
        assertThat(takeOvers).isZero();
    }

    /** Hands out the lease a test sets, or fails as an unreachable store would. */
    private final class ScriptedLeadership implements Leadership {

        Optional<Lease> next = Optional.empty();
        boolean failing;
        private Optional<Lease> held = Optional.empty();

        @Override
        public Optional<Lease> tryAcquireOrRenew() {
            if (failing) {
                throw new StoreException("renew the lease", new java.sql.SQLException("connection refused"));
            }
            held = next;
            return next;
        }

        @Override
        public boolean isLeader() {
            return held.map(lease -> clock.instant().isBefore(lease.until())).orElse(false);
        }

        @Override
        public Instant nextAttempt() {
            return clock.instant();
        }

        @Override
        public void fence(Sql sql, long epoch) {
            if (held.map(lease -> lease.epoch() != epoch).orElse(true)) {
                throw new StaleLeaseException("stale epoch " + epoch);
            }
        }

        @Override
        public void release() {
            held = Optional.empty();
        }

        @Override
        public List<ReplicaStatus> status() {
            return List.of();
        }
    }
}
