package dev.watchdog.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Everything Watchdog must not forget lives here; each feature's store reads and writes its own
 * tables through it. Every method either completes durably or throws {@link StoreException}
 * ({@link StoreUnavailableException} when the server could not be reached).
 *
 * <p>On SQLite, one connection used by one thread at a time: Watchdog's write rate is a few
 * transactions per poll, far below what that serves. On PostgreSQL, a pool shared by the threads
 * of this replica, while other replicas write the same tables: a store that decides something
 * between replicas does it in one statement or one transaction whose conditions the database
 * checks under its row locks, never by reading first and writing after.
 */
public final class Database implements AutoCloseable {

    /** Work done on a connection while this thread holds it. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Sql sql) throws SQLException;
    }

    private final ConnectionSource connections;
    private final Dialect dialect;
    /** The connection this thread holds, so that work nested in other work joins it (and its transaction). */
    private final ThreadLocal<Sql> held = new ThreadLocal<>();

    private Database(ConnectionSource connections, Dialect dialect) {
        this.connections = connections;
        this.dialect = dialect;
    }

    /** Opens the store the settings name and brings its schema up to date. */
    public static Database open(StoreSettings settings) {
        return settings.isPostgresql() ? postgresql(settings.postgresql()) : sqlite(settings.path());
    }

    /** Opens (creating when missing) the SQLite database at {@code path} and brings its schema up to date. */
    public static Database sqlite(Path path) {
        Connection connection;
        try {
            connection = SqliteDialect.openFile(path);
        } catch (SQLException | IOException failure) {
            throw new StoreException("cannot open the store at " + path, failure);
        }
        return migrated(new SingleConnection(connection), SqliteDialect.INSTANCE, path.toString());
    }

    /** A SQLite database that lives as long as this object: for tests and --dry-run trials. */
    public static Database inMemory() {
        try {
            return migrated(new SingleConnection(SqliteDialect.openInMemory()), SqliteDialect.INSTANCE,
                    "the in-memory store");
        } catch (SQLException failure) {
            throw new StoreException("cannot open an in-memory store", failure);
        }
    }

    /**
     * Connects to the PostgreSQL database and brings its schema up to date; fails with
     * {@link StoreUnavailableException} when the server cannot be reached within the connect timeout.
     */
    public static Database postgresql(PostgresSettings settings) {
        return migrated(new ConnectionPool(settings), PostgresDialect.INSTANCE, settings.url());
    }

    private static Database migrated(ConnectionSource connections, Dialect dialect, String where) {
        Database database = new Database(connections, dialect);
        try {
            database.run("open the store at " + where, sql -> {
                Migrations.of(dialect).apply(sql.connection(), where);
                return null;
            });
            return database;
        } catch (RuntimeException failure) {
            database.close();
            throw failure;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} on a connection of its own; each statement it runs commits on its own. */
    public <T> T run(String what, Work<T> work) {
        Sql joined = held.get();
        if (joined != null) {
            return attempt(what, () -> work.run(joined));
        }
        Connection connection = attempt(what, connections::acquire);
        held.set(new Sql(connection, connections.statements(connection)));
        try {
            return attempt(what, () -> work.run(held.get()));
        } finally {
            held.remove();
            connections.release(connection);
        }
    }

    private interface Attempt<T> {
        T get() throws SQLException;
    }

    private static <T> T attempt(String what, Attempt<T> attempt) {
        try {
            return attempt.get();
        } catch (SQLException failure) {
            throw StoreUnavailableException.isUnavailability(failure) ? new StoreUnavailableException(what, failure)
                    : new StoreException("cannot " + what, failure);
        }
    }

    /**
     * Runs {@code work} in one transaction: all of it is kept, or none. Inside another transaction
     * it becomes part of that one. Should the connection break at the commit, whether it was kept
     * is unknown: work whose repetition would show (a Slack post) is recorded before it is done.
     */
    public <T> T inTransaction(String what, Work<T> work) {
        return run(what, sql -> {
            Connection connection = sql.connection();
            if (!connection.getAutoCommit()) {
                return work.run(sql);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(sql);
                connection.commit();
                connection.setAutoCommit(true);
                return result;
            } catch (SQLException | RuntimeException failure) {
                undo(connection, failure);
                throw failure;
            }
        });
    }

    /**
     * Rolls back after {@code failure} and returns the connection to committing each statement;
     * on a broken connection neither works, which must not hide the failure that says why.
     */
    static void undo(Connection connection, Exception failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
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

    /**
     * Whether the store answers now, for readiness, where an exception would say no more; while a
     * PostgreSQL server is down this takes the connect timeout to say no.
     */
    public boolean isAvailable() {
        try {
            return first("check the store", "SELECT 1", row -> row.getInt(1)).isPresent();
        } catch (StoreException unavailable) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            connections.close();
        } catch (SQLException failure) {
            throw new StoreException("cannot close the store", failure);
        }
    }
}
