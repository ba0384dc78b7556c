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

    Sql(Connection connection) {
        this.connection = connection;
    }

    /** The connection itself, for what the methods here do not cover. */
    public Connection connection() {
        return connection;
    }

    /** Runs an insert, update or delete; returns how many rows it touched. */
    public int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    public <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet row = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (row.next()) {
                rows.add(reader.read(row));
            }
            return rows;
        }
    }

    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        return query(sql, reader, parameters).stream().findFirst();
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
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
            return statement;
        } catch (SQLException failure) {
            statement.close();
            throw failure;
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
