package dev.watchdog.db;

import dev.watchdog.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;

/** @param retention how long resolved alerts are kept as history before they are pruned */
public record StoreSettings(Path path, Duration retention) {

    static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public static StoreSettings bind(ConfigNode node, Path fallback) {
        node.allowOnly("path", "retention");
        String path = node.string("path", fallback.toString()).trim();
        Duration retention = node.duration("retention", DEFAULT_RETENTION,
                given -> given.compareTo(Duration.ofHours(1)) >= 0, "must be at least 1h");
        return new StoreSettings(path.isEmpty() ? fallback : Path.of(path), retention);
    }

    public static StoreSettings defaults(Path path) {
        return new StoreSettings(path, DEFAULT_RETENTION);
    }
}
