package dev.watchdog.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL, shared by replicas. It has no {@code user_version}, so the schema version is the
 * highest row of {@code schema_version}; replicas starting together take turns at migrating
 * through an advisory lock held for the migration's transaction.
 */
final class PostgresDialect implements Dialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    /** "Watchdog" in ASCII: the advisory lock key no other application of the database picks by chance. */
    private static final long MIGRATION_LOCK = 0x5761746368646F67L;

    private PostgresDialect() {
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void lockSchema(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            statement.setLong(1, MIGRATION_LOCK);
            statement.execute();
        }
    }

    @Override
    public int schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var exists = statement.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return 0;
            }
        }
        try (Statement statement = connection.createStatement();
                var version = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            version.next();
            return version.getInt(1);
        }
    }

    @Override
    public void recordSchemaVersion(Connection connection, int version) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " applied_at BIGINT NOT NULL)");
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO schema_version (version,"
                + " applied_at) VALUES (?, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT)")) {
            statement.setInt(1, version);
            statement.executeUpdate();
        }
    }
}
