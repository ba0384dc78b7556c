package dev.watchdog.db;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.security.Secret;
import java.time.Duration;

/**
 * A PostgreSQL store that several replicas share.
 *
 * @param url              {@code jdbc:postgresql://host:port/database}, without the password
 * @param poolSize         connections this replica keeps open at most
 * @param connectTimeout   how long a call waits for a connection before the store counts as unavailable
 * @param statementTimeout how long one statement may run, or wait for a row another replica holds
 */
public record PostgresSettings(String url, String username, Secret password, int poolSize, Duration connectTimeout,
        Duration statementTimeout) {

    static final String URL_PREFIX = "jdbc:postgresql://";
    static final int DEFAULT_POOL_SIZE = 5;
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHORTEST_TIMEOUT = Duration.ofSeconds(1);

    static PostgresSettings bind(ConfigNode node) {
        String url = node.requiredString("url").trim();
        if (!url.isEmpty() && !url.startsWith(URL_PREFIX)) {
            node.field("url").orElse(node).problem("\"" + url + "\" is not a " + URL_PREFIX + " URL");
        } else if (url.contains("password=")) {
            // The URL ends up in log lines and error messages; a Secret never does.
            node.field("url").orElse(node).problem("must not hold the password: put it under store.password");
        }
        String username = node.requiredString("username").trim();
        int poolSize = node.integer("pool-size", DEFAULT_POOL_SIZE, 1, 100);
        Duration connectTimeout = atLeastOneSecond(node, "connect-timeout", DEFAULT_CONNECT_TIMEOUT);
        Duration statementTimeout = atLeastOneSecond(node, "statement-timeout", DEFAULT_STATEMENT_TIMEOUT);
        return new PostgresSettings(url, username, node.secret("password"), poolSize, connectTimeout,
                statementTimeout);
    }

    private static Duration atLeastOneSecond(ConfigNode node, String key, Duration fallback) {
        return node.duration(key, fallback, given -> given.compareTo(SHORTEST_TIMEOUT) >= 0, "must be at least 1s");
    }
}
