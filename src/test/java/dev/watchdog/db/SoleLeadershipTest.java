package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Leadership.Lease;
import dev.watchdog.db.Leadership.Replica;
import dev.watchdog.db.Leadership.ReplicaStatus;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** On SQLite one process owns the store, so it leads from its first poll and nothing is fenced. */
class SoleLeadershipTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void theOneProcessOfASqliteStoreAlwaysLeads() {
        try (Database database = Database.inMemory()) {
            Leadership leadership = Leadership.of(database, new Replica("a", "host-a"), POLL, clock);
            database.update("make a table", "CREATE TABLE posted (note TEXT)");

            assertThat(leadership.isLeader()).isTrue();
            clock.advance(Duration.ofHours(1));
            assertThat(leadership.tryAcquireOrRenew()).contains(new Lease(1, T0, clock.instant().plus(POLL.multipliedBy(2))));
            assertThat(leadership.nextAttempt()).isEqualTo(clock.instant().plus(POLL));
            database.inTransaction("post", sql -> {
                leadership.fence(sql, 1);
                return sql.update("INSERT INTO posted (note) VALUES ('posted')");
            });
            leadership.release();

            assertThat(leadership.isLeader()).isTrue();
            assertThat(leadership.status()).containsExactly(new ReplicaStatus("a", "host-a", T0, clock.instant(), T0));
        }
    }

    @Test
    void aReplicaIsNamedAfterItsHostAndProcessAndDiffersFromTheLastStart() {
        Replica first = Replica.thisProcess();
        Replica again = Replica.thisProcess();

        assertThat(first.id()).startsWith(first.host() + "/" + ProcessHandle.current().pid() + "/");
        assertThat(first.id()).isNotEqualTo(again.id());
    }
}
