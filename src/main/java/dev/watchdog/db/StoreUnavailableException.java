package dev.watchdog.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * The store could not be reached at all: the server is down, restarting, refusing connections, or
 * the connection broke. Nothing of the work was kept; the same call works again once the server is
 * back, since the pool replaces broken connections.
 */
public final class StoreUnavailableException extends StoreException {

    /** PostgreSQL's shutdown codes: an administrator or a crash stopped the server, or it is starting. */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    StoreUnavailableException(String what, SQLException failure) {
        super("the store is unavailable: cannot " + what, innermost(failure).getMessage(), failure);
    }

    /** Whether {@code failure}, or an SQL failure it wraps, is about the connection rather than the statement. */
    static boolean isUnavailability(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The deepest SQL failure: the pool's "timed out" wraps the driver's "connection refused", which says why. */
    private static SQLException innermost(SQLException failure) {
        SQLException innermost = failure;
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                innermost = sql;
            }
        }
        return innermost;
    }
}
