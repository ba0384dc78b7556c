package dev.watchdog.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What differs between the SQL databases Watchdog can keep its state in. Each dialect has its own
 * schema, as numbered files under {@code db/migration/<name>/}; the stores write the SQL that every
 * dialect speaks, except for the statements built here.
 */
public interface Dialect {

    /** The folder of this dialect's migrations: {@code db/migration/<name>/}. */
    String name();

    /**
     * Keeps other processes from migrating the same database until this transaction ends; a no-op
     * where one process owns the database.
     */
    default void lockSchema(Connection connection) throws SQLException {
    }

    /** The number of the last migration this database has had; 0 for a new one. */
    int schemaVersion(Connection connection) throws SQLException;

    /** Notes that the database now has every migration up to {@code version}, inside their transaction. */
    void recordSchemaVersion(Connection connection, int version) throws SQLException;

    /**
     * Inserts a row, or replaces the other columns of the row with the same key; parameters are
     * bound key first, then {@code columns} in order. SQLite (3.24 and later) and PostgreSQL both
     * speak {@code ON CONFLICT ... DO UPDATE}; a dialect that does not overrides this.
     */
    default String upsert(String table, String key, String... columns) {
        String names = key + ", " + String.join(", ", columns);
        String placeholders = "?" + ", ?".repeat(columns.length);
        String updates = Arrays.stream(columns).map(column -> column + " = excluded." + column)
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + placeholders + ") ON CONFLICT (" + key
                + ") DO UPDATE SET " + updates;
    }
}
