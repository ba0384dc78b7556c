package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest extends DatabaseTest {

    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return Database.sqlite(dir.resolve("data/watchdog.db"));
    }

    @Override
    protected String generatedKey() {
        return "INTEGER PRIMARY KEY";
    }

    @Override
    protected void markWrittenAtVersion(int version) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/watchdog.db"));
                var statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = " + version);
        }
    }

    @Override
    protected int latestVersion() {
        return Migrations.of(SqliteDialect.INSTANCE).latest();
    }

    @Test
    void createsTheDatabaseInWalModeWithTheCurrentSchemaVersion() throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/watchdog.db"));
                var statement = connection.createStatement()) {
            assertThat(statement.executeQuery("PRAGMA journal_mode").getString(1)).isEqualTo("wal");
            assertThat(statement.executeQuery("PRAGMA user_version").getInt(1)).isEqualTo(latestVersion());
        }
    }

    @Test
    void anInMemoryDatabaseHasTheWholeSchema() {
        try (Database memory = Database.inMemory()) {
            assertThat(memory.first("read the schema version", "PRAGMA user_version", row -> row.getInt(1)))
                    .contains(latestVersion());
            assertThat(memory.dialect().name()).isEqualTo("sqlite");
            assertThat(memory.isAvailable()).isTrue();
        }
    }

    @Test
    void theSettingsOpenTheirKindOfStore() {
        try (Database opened = Database.open(StoreSettings.defaults(dir.resolve("other.db")))) {
            assertThat(opened.dialect().name()).isEqualTo("sqlite");
            assertThat(dir.resolve("other.db")).exists();
        }
    }
}
