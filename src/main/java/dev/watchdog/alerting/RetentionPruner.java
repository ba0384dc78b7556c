package dev.watchdog.alerting;

import dev.watchdog.concurrent.Routine;
import dev.watchdog.db.StoreException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes resolved alert history older than the retention, hourly, so the store stays bounded. */
public final class RetentionPruner implements Routine {

    private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);

    private final AlertStore store;
    private final Duration retention;
    private final Clock clock;

    public RetentionPruner(AlertStore store, Duration retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "store-pruner";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void runOnce() {
        pruneNow();
    }

    public int pruneNow() {
        try {
            int pruned = store.pruneResolvedBefore(clock.instant().minus(retention));
            if (pruned > 0) {
                log.info("pruned {} resolved alert(s) older than {}", pruned, retention);
            }
            return pruned;
        } catch (StoreException failure) {
            log.warn("could not prune old alerts: {}", failure.getMessage(), failure);
            return 0;
        }
    }

}
