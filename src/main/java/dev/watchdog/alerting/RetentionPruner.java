package dev.watchdog.alerting;

import dev.watchdog.concurrent.Routine;
import dev.watchdog.db.Prunable;
import dev.watchdog.db.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes history older than the retention, hourly, so the store stays bounded: resolved alerts, and whatever else
 * it is given by name (thread conversations, token usage, incidents, decided proposals). Each is pruned on its own:
 * one that fails is tried again next hour and does not stop the others. SQLite reuses the pages freed, so the file
 * stops growing; it is never vacuumed while Watchdog runs.
 */
public final class RetentionPruner implements Routine {

    private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);

    private final Map<String, Prunable> stores;
    private final Duration retention;
    private final Clock clock;

    public RetentionPruner(AlertStore store, Duration retention, Clock clock) {
        this(Map.of("resolved alerts", store::pruneResolvedBefore), retention, clock);
    }

    /** {@code stores}: what each holds (for the log) and how to prune it, in the order to prune them. */
    public RetentionPruner(Map<String, Prunable> stores, Duration retention, Clock clock) {
        this.stores = new LinkedHashMap<>(stores);
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

    /** Returns how many rows went, over every store. */
    public int pruneNow() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        for (Map.Entry<String, Prunable> store : stores.entrySet()) {
            try {
                int pruned = store.getValue().pruneBefore(cutoff);
                if (pruned > 0) {
                    log.info("pruned {} row(s) of {} older than {}", pruned, store.getKey(), retention);
                }
                total += pruned;
            } catch (StoreException failure) {
                log.warn("could not prune {}: {}", store.getKey(), failure.getMessage(), failure);
            }
        }
        return total;
    }
}
