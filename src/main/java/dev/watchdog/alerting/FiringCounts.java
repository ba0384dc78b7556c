package dev.watchdog.alerting;

import dev.watchdog.db.StoreException;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Firing alerts by {@link AlertSources source}, read from the store when asked (each scrape of /metrics): one
 * grouped count, the same on every replica and after a restart. While the store does not answer, the last counts
 * read stand.
 */
public final class FiringCounts implements Supplier<Map<String, Long>> {

    private static final Logger log = LoggerFactory.getLogger(FiringCounts.class);

    private final AlertStore store;
    private Map<String, Long> last = Map.of();
    private boolean failing;

    public FiringCounts(AlertStore store) {
        this.store = store;
    }

    @Override
    public synchronized Map<String, Long> get() {
        try {
            last = store.firingBySource();
            failing = false;
        } catch (StoreException failure) {
            if (!failing) {
                log.warn("cannot count firing alerts for /metrics; showing the last counts until the store answers",
                        failure);
            }
            failing = true;
        }
        return last;
    }
}
