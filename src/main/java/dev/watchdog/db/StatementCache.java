package dev.watchdog.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The prepared statements of one SQLite connection, kept by statement text so that a statement run every poll is
 * compiled once: SQLite's JDBC driver compiles each {@code prepareStatement} anew. Bounded (least recently used
 * goes first); used by one thread at a time, as its connection is. A statement already in use (work nested in a
 * row reader running the same text) gets a fresh one that is closed after.
 */
final class StatementCache implements Statements {

    static final int CAPACITY = 64;

    private final Connection connection;
    private final Map<String, PreparedStatement> cached = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<PreparedStatement> inUse = new HashSet<>();
    private long prepared;

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    @Override
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = cached.get(sql);
        if (statement != null && !inUse.contains(statement)) {
            inUse.add(statement);
            return statement;
        }
        prepared++;
        PreparedStatement fresh = connection.prepareStatement(sql);
        if (statement == null) {
            cached.put(sql, fresh);
            inUse.add(fresh);
            evictBeyondCapacity();
        }
        return fresh;
    }

    @Override
    public void done(PreparedStatement statement, boolean failed) throws SQLException {
        if (!inUse.remove(statement)) {
            statement.close(); // a fresh one for nested use
            return;
        }
        if (failed) {
            cached.values().remove(statement);
            statement.close();
        } else {
            statement.clearParameters();
        }
    }

    private void evictBeyondCapacity() throws SQLException {
        Iterator<PreparedStatement> oldest = cached.values().iterator();
        while (cached.size() > CAPACITY && oldest.hasNext()) {
            PreparedStatement evicted = oldest.next();
            if (!inUse.contains(evicted)) {
                oldest.remove();
                evicted.close();
            }
        }
    }

    /** How many statements were compiled since this cache began: what the cache saves shows here. */
    long prepared() {
        return prepared;
    }

    int size() {
        return cached.size();
    }

    /** Closes every statement kept; the connection they belong to is being closed or replaced. */
    void clear() throws SQLException {
        SQLException first = null;
        for (PreparedStatement statement : cached.values()) {
            try {
                statement.close();
            } catch (SQLException failure) {
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        cached.clear();
        inUse.clear();
        if (first != null) {
            throw first;
        }
    }
}
