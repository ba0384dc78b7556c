package dev.watchdog.db;

import dev.watchdog.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where Watchdog keeps its state: an embedded SQLite file (the default, for one process), or a
 * PostgreSQL database that several replicas share.
 *
 * @param path       the SQLite file; null for PostgreSQL
 * @param postgresql the PostgreSQL database; null for SQLite
 * @param retention  how long resolved alerts are kept as history before they are pruned
 */
public record StoreSettings(Path path, PostgresSettings postgresql, Duration retention) {

    static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    private static final String SQLITE = "sqlite";
    private static final String POSTGRESQL = "postgresql";

    public boolean isPostgresql() {
        return postgresql != null;
    }

    /** Why the SQLite file cannot be created or written, if it cannot; PostgreSQL has no file. */
    public Optional<String> pathProblem() {
        return isPostgresql() ? Optional.empty() : StorePath.problem(path);
    }

    public static StoreSettings bind(ConfigNode node, Path fallback) {
        String type = node.isMapping() ? node.string("type", SQLITE).trim() : SQLITE;
        if (type.equals(POSTGRESQL)) {
            node.allowOnly("type", "url", "username", "password", "pool-size", "connect-timeout", "statement-timeout",
                    "retention");
            return new StoreSettings(null, PostgresSettings.bind(node), retention(node));
        }
        if (type.equals(SQLITE)) {
            node.allowOnly("type", "path", "retention");
        } else {
            // The other keys are checked against the type the user meant, once it is spelled right.
            node.field("type").orElse(node).problem("\"" + type + "\" is not a store type (allowed: sqlite, postgresql)");
        }
        String path = node.string("path", fallback.toString()).trim();
        return new StoreSettings(path.isEmpty() ? fallback : Path.of(path), null, retention(node));
    }

    private static Duration retention(ConfigNode node) {
        return node.duration("retention", DEFAULT_RETENTION, given -> given.compareTo(Duration.ofHours(1)) >= 0,
                "must be at least 1h");
    }

    public static StoreSettings defaults(Path path) {
        return new StoreSettings(path, null, DEFAULT_RETENTION);
    }
}
