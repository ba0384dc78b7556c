package dev.watchdog.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of PostgreSQL connections (HikariCP). A connection that broke, because the server
 * restarted or failed over, is thrown away when it fails or before it is handed out again, and new
 * ones are opened once the server answers: the store works again without a restart of Watchdog.
 */
final class ConnectionPool implements ConnectionSource {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    private static final Duration SHORTEST_VALIDATION = Duration.ofMillis(250);

    private final HikariDataSource pool;
    private final int maxPoolSize;
    private final int validationSeconds;

    ConnectionPool(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("watchdog-store");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password().reveal());
        config.setMaximumPoolSize(settings.poolSize());
        // No idle minimum: the pool then opens connections only for a call waiting for one, so while the
        // server is down it does not retry in the background with a back-off growing to 5 s, which would
        // delay the first call after the server is back by as much.
        config.setMinimumIdle(0);
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.max(SHORTEST_VALIDATION.toMillis(), settings.connectTimeout().toMillis() / 2));
        // Start even while the server is down: the first call then waits, fails as "unavailable", and is retried.
        config.setInitializationFailTimeout(-1);
        // Values as text: the driver reads its properties with Properties.getProperty, which sees no other type.
        config.addDataSourceProperty("ApplicationName", "watchdog");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("connectTimeout", String.valueOf(seconds(settings.connectTimeout())));
        // A server that stops answering mid-statement (a network partition) breaks the connection after this.
        config.addDataSourceProperty("socketTimeout",
                String.valueOf(seconds(settings.statementTimeout().plus(settings.connectTimeout()))));
        // A replica paused inside a transaction (a long GC, SIGSTOP) must not keep the rows it locked,
        // the lease row above all, or the others could not take over. Watchdog's transactions run their
        // statements back to back and call no peer, so one idle for seconds is one that is stuck.
        // Statements are run again and again (each poll, each webhook); pgjdbc keeps a cache of them per connection
        // keyed by their text, so the same text is parsed and planned on the server once per connection, on its
        // first use with a threshold of 1, and executed by name after (Sql closes its PreparedStatement objects;
        // the cache outlives them). 256 texts is well above the few dozen Watchdog's stores use.
        config.addDataSourceProperty("prepareThreshold", String.valueOf(PREPARE_THRESHOLD));
        config.addDataSourceProperty("preparedStatementCacheQueries", String.valueOf(PREPARED_STATEMENT_CACHE_QUERIES));
        long timeout = settings.statementTimeout().toMillis();
        config.addDataSourceProperty("options", "-c statement_timeout=" + timeout
                + " -c idle_in_transaction_session_timeout=" + Math.min(timeout, IDLE_IN_TRANSACTION.toMillis()));
        this.pool = new HikariDataSource(config);
        this.maxPoolSize = settings.poolSize();
        this.validationSeconds = (int) seconds(settings.connectTimeout());
    }

    static final Duration IDLE_IN_TRANSACTION = Duration.ofSeconds(2);
    static final int PREPARE_THRESHOLD = 1;
    static final int PREPARED_STATEMENT_CACHE_QUERIES = 256;

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    /**
     * A connection checked just now. HikariCP skips its own check for a connection used in the last
     * half second, so a server restarted within it would fail one more call; Watchdog makes a few
     * calls per poll, and a round trip each costs nothing beside that.
     */
    @Override
    public Connection acquire() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Connection connection = pool.getConnection();
            if (attempt > maxPoolSize || connection.isValid(validationSeconds)) {
                return connection;
            }
            pool.evictConnection(connection);
        }
    }

    @Override
    public Statements statements(Connection connection) {
        return Statements.uncached(connection);
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException failure) {
            // The pool discards a connection it cannot reset; the work on it already succeeded or failed.
            LOG.warn("could not give a store connection back to the pool", failure);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
