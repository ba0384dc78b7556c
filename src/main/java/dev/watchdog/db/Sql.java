package dev.watchdog.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statements run on the connection a store holds for the moment ({@link Database#run},
 * {@link Database#inTransaction}). Parameters bind by type: {@code null} as NULL, an
 * {@link Instant} as epoch milliseconds (how every time is kept), anything else as itself.
 */
public final class Sql {

    /** Turns the current row into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private final Statements statements;

    Sql(Connection connection, Statements statements) {
        this.connection = connection;
        this.statements = statements;
    }

    /** The connection itself, for what the methods here do not cover. */
    public Connection connection() {
        return connection;
    }

    Statements statements() {
        return statements;
    }

    /** Runs an insert, update or delete; returns how many rows it touched. */
    public int update(String sql, Object... parameters) throws SQLException {
        return run(sql, parameters, PreparedStatement::executeUpdate);
    }

    public <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        return run(sql, parameters, statement -> {
            try (ResultSet row = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (row.next()) {
                    rows.add(reader.read(row));
                }
                return rows;
            }
        });
    }

    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        return query(sql, reader, parameters).stream().findFirst();
    }

    private interface Execution<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** Prepares (or takes from the connection's cache), binds, runs, and gives the statement back. */
    private <T> T run(String sql, Object[] parameters, Execution<T> execution) throws SQLException {
        PreparedStatement statement = statements.prepare(sql);
        T result;
        try {
            bind(statement, parameters);
            result = execution.run(statement);
        } catch (SQLException | RuntimeException failure) {
            try {
                statements.done(statement, true);
            } catch (SQLException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
            throw failure;
        }
        statements.done(statement, false);
        return result;
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i];
            if (parameter == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (parameter instanceof Instant at) {
                statement.setLong(i + 1, at.toEpochMilli());
            } else {
                statement.setObject(i + 1, parameter);
            }
        }
    }

    /** A time column (epoch milliseconds), or null. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    public static Long longOrNull(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    public static Integer intOrNull(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
