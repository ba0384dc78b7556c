package dev.watchdog.boot;

import dev.watchdog.concurrent.Routine;
import dev.watchdog.db.Claims;
import java.time.Clock;
import java.time.Duration;

/** Claims only have to outlive the moments two replicas hear of the same thing; a week is plenty. */
final class ClaimsPruner implements Routine {

    private static final Duration KEPT = Duration.ofDays(7);

    private final Claims claims;
    private final Clock clock;

    ClaimsPruner(Claims claims, Clock clock) {
        this.claims = claims;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "claims-pruner";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void runOnce() {
        claims.pruneBefore(clock.instant().minus(KEPT));
    }
}
