package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Prunable;
import dev.watchdog.db.StoreException;
import dev.watchdog.testing.MutableClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPrunerTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void prunesEveryStoreAtTheRetentionCutoffAndAFailingOneDoesNotStopTheOthers() {
        List<Instant> cutoffs = new ArrayList<>();
        Map<String, Prunable> stores = new LinkedHashMap<>();
        stores.put("first", cutoff -> {
            cutoffs.add(cutoff);
            return 2;
        });
        stores.put("broken", cutoff -> {
            throw new StoreException("cannot prune", new SQLException("database is locked"));
        });
        stores.put("last", cutoff -> {
            cutoffs.add(cutoff);
            return 3;
        });

        int pruned = new RetentionPruner(stores, Duration.ofDays(30), new MutableClock(NOW)).pruneNow();

        assertThat(pruned).isEqualTo(5);
        assertThat(cutoffs).containsExactly(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(30)));
    }
}
