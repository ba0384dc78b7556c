package dev.watchdog.memory;

import dev.watchdog.concurrent.Routine;
import dev.watchdog.db.StoreException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Forgets recorded causes, diagnoses and feedback older than the store's retention, hourly, like alert history. */
public final class MemoryPruner {

    private static final Logger log = LoggerFactory.getLogger(MemoryPruner.class);

    private MemoryPruner() {
    }

    public static Routine of(MemoryStore memory, Duration retention, Clock clock) {
        return Routine.of("memory-pruner", Duration.ofHours(1), Duration.ZERO, () -> {
            try {
                int pruned = memory.pruneBefore(clock.instant().minus(retention));
                if (pruned > 0) {
                    log.info("pruned {} incident memory row(s) older than {}", pruned, retention);
                }
            } catch (StoreException failure) {
                log.warn("could not prune the incident memory: {}", failure.getMessage(), failure);
            }
        });
    }
}
