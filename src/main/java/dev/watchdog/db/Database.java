package dev.watchdog.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything Watchdog must not forget lives here; each feature's store reads and writes its own
 * tables through it. One connection, used by one thread at a time: Watchdog's write rate is a few
 * transactions per poll, far below what that serves, and it makes every read see every write
 * before it. Every method either completes durably or throws {@link StoreException}.
 */
public final class Database implements AutoCloseable {

    /** Work done on the connection while this thread holds it. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Sql sql) throws SQLException;
    }

    private final Connection connection;
    private final Dialect dialect;
    private final Sql sql;
    private final ReentrantLock lock = new ReentrantLock();

    private Database(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
        this.sql = new Sql(connection);
    }

    /** Opens (creating when missing) the SQLite database at {@code path} and brings its schema up to date. */
    public static Database sqlite(Path path) {
        try {
            return migrated(SqliteDialect.openFile(path), SqliteDialect.INSTANCE, path.toString());
        } catch (SQLException | IOException failure) {
            throw new StoreException("cannot open the store at " + path, failure);
        }
    }

    /** A SQLite database that lives as long as this object: for tests and --dry-run trials. */
    public static Database inMemory() {
        try {
            return migrated(SqliteDialect.openInMemory(), SqliteDialect.INSTANCE, "the in-memory store");
        } catch (SQLException failure) {
            throw new StoreException("cannot open an in-memory store", failure);
        }
    }

    private static Database migrated(Connection connection, Dialect dialect, String where) throws SQLException {
        try {
            Migrations.of(dialect).apply(connection, where);
            return new Database(connection, dialect);
        } catch (SQLException | RuntimeException failure) {
            connection.close();
            throw failure;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} alone on the connection; each statement it runs commits on its own. */
    public <T> T run(String what, Work<T> work) {
        lock.lock();
        try {
            return work.run(sql);
        } catch (SQLException failure) {
            throw new StoreException("cannot " + what, failure);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} alone on the connection in one transaction: all of it is kept, or none. Inside
     * another transaction it becomes part of that one.
     */
    public <T> T inTransaction(String what, Work<T> work) {
        return run(what, statements -> {
            if (!connection.getAutoCommit()) {
                return work.run(statements);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(statements);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    /** One insert, update or delete; returns how many rows it touched. */
    public int update(String what, String statement, Object... parameters) {
        return run(what, statements -> statements.update(statement, parameters));
    }

    public <T> List<T> query(String what, String statement, Sql.RowReader<T> reader, Object... parameters) {
        return run(what, statements -> statements.query(statement, reader, parameters));
    }

    public <T> Optional<T> first(String what, String statement, Sql.RowReader<T> reader, Object... parameters) {
        return run(what, statements -> statements.first(statement, reader, parameters));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException failure) {
            throw new StoreException("cannot close the store", failure);
        } finally {
            lock.unlock();
        }
    }
}
