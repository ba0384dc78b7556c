package dev.watchdog.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite: one file in WAL mode. The schema version is {@code PRAGMA user_version}, as it has been
 * since the first Watchdog, so every database file written before keeps opening.
 */
final class SqliteDialect implements Dialect {

    static final SqliteDialect INSTANCE = new SqliteDialect();

    private SqliteDialect() {
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public int schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var result = statement.executeQuery("PRAGMA user_version")) {
            return result.getInt(1);
        }
    }

    @Override
    public void recordSchemaVersion(Connection connection, int version) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = " + version);
        }
    }

    /** Opens (creating when missing, with its folder) the database file at {@code path}. */
    static Connection openFile(Path path) throws SQLException, IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            // NORMAL in WAL mode survives a killed process; only an OS crash can lose the last commit.
            statement.execute("PRAGMA synchronous = NORMAL");
            statement.execute("PRAGMA busy_timeout = 5000");
            statement.execute("PRAGMA foreign_keys = ON");
        } catch (SQLException failure) {
            connection.close();
            throw failure;
        }
        return connection;
    }

    static Connection openInMemory() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite::memory:");
    }
}
