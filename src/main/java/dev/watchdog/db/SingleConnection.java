package dev.watchdog.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection, used by one thread at a time: SQLite serves one writer anyway, and one
 * connection makes every read see every write before it.
 */
final class SingleConnection implements ConnectionSource {

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final StatementCache statements;

    SingleConnection(Connection connection) {
        this.connection = connection;
        this.statements = new StatementCache(connection);
    }

    @Override
    public StatementCache statements(Connection held) {
        return statements;
    }

    @Override
    public Connection acquire() {
        lock.lock();
        return connection;
    }

    @Override
    public void release(Connection released) {
        lock.unlock();
    }

    @Override
    public void close() throws SQLException {
        lock.lock();
        try (connection) {
            statements.clear();
        } finally {
            lock.unlock();
        }
    }
}
