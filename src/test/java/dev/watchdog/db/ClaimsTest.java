package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClaimsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private final Database database = Database.inMemory();

    @AfterEach
    void close() {
        database.close();
    }

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void theFirstReplicaToClaimAKeyGetsItAndNoOtherDoes() {
        Claims first = new Claims(database, "replica-a", clock);
        Claims second = new Claims(database, "replica-b", clock);

        assertThat(first.claim("investigation:42")).isTrue();
        assertThat(second.claim("investigation:42")).isFalse();
        assertThat(first.claim("investigation:42")).as("not twice by the same one either").isFalse();
        assertThat(second.claim("investigation:43")).isTrue();
    }

    @Test
    void pruningForgetsOldClaimsOnly() {
        Claims claims = new Claims(database, "replica-a", clock);
        claims.claim("old");
        clock.advance(Duration.ofHours(1));
        claims.claim("new");

        assertThat(claims.pruneBefore(T0.plusSeconds(60))).isEqualTo(1);
        assertThat(claims.claim("old")).isTrue();
        assertThat(claims.claim("new")).isFalse();
    }
}
