package dev.watchdog.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every row of every table of a SQLite store, read over a connection of its own while Watchdog runs:
 * two snapshots are equal when nothing was written in between.
 */
public final class StoreSnapshot {

    private StoreSnapshot() {
    }

    /** Rows per table, each row as text, sorted; rows {@code ignored} accepts are left out. */
    public static Map<String, List<String>> of(Path database, Predicate<String> ignored) {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
            for (String name : names) {
                tables.put(name, rows(statement, name, ignored));
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot read the store at " + database, failure);
        }
        return tables;
    }

    private static List<String> rows(Statement statement, String table, Predicate<String> ignored)
            throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder(table);
                for (int column = 1; column <= columns; column++) {
                    row.append(" | ").append(result.getMetaData().getColumnName(column)).append('=')
                            .append(result.getString(column));
                }
                if (!ignored.test(row.toString())) {
                    rows.add(row.toString());
                }
            }
        }
        rows.sort(null);
        return rows;
    }
}
