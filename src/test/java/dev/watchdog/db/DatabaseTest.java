package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.sqlite(dir.resolve("data/watchdog.db"));
        database.update("make a table", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private List<String> notes() {
        return database.query("read notes", "SELECT text FROM notes ORDER BY id", row -> row.getString(1));
    }

    @Test
    void createsTheDatabaseInWalModeWithTheCurrentSchemaVersion() throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/watchdog.db"));
                var statement = connection.createStatement()) {
            assertThat(statement.executeQuery("PRAGMA journal_mode").getString(1)).isEqualTo("wal");
            assertThat(statement.executeQuery("PRAGMA user_version").getInt(1))
                    .isEqualTo(Migrations.of(SqliteDialect.INSTANCE).latest());
        }
    }

    @Test
    void refusesADatabaseWrittenByANewerWatchdog() throws Exception {
        database.close();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/watchdog.db"));
                var statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }

        assertThatThrownBy(() -> Database.sqlite(dir.resolve("data/watchdog.db")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("has schema version 99 but this Watchdog knows only up to "
                        + Migrations.of(SqliteDialect.INSTANCE).latest());
        database = Database.sqlite(dir.resolve("other.db"));
    }

    @Test
    void aTransactionKeepsAllOfItsWorkOrNone() {
        assertThatThrownBy(() -> database.inTransaction("write two notes", sql -> {
            sql.update("INSERT INTO notes (text) VALUES (?)", "first");
            return sql.update("INSERT INTO notes (text) VALUES (?)", (Object) null);
        })).isInstanceOf(StoreException.class).hasMessageStartingWith("cannot write two notes: ");
        assertThat(notes()).isEmpty();

        database.inTransaction("write two notes", sql -> sql.update("INSERT INTO notes (text) VALUES ('first')")
                + sql.update("INSERT INTO notes (text) VALUES ('second')"));
        assertThat(notes()).containsExactly("first", "second");
    }

    @Test
    void aTransactionInsideAnotherIsPartOfIt() {
        assertThatThrownBy(() -> database.inTransaction("outer", sql -> {
            database.inTransaction("inner", inner -> inner.update("INSERT INTO notes (text) VALUES ('inner')"));
            throw new IllegalStateException("the outer work fails after the inner one finished");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(notes()).as("the inner work was not committed on its own").isEmpty();
    }

    @Test
    void timesAndNullsBindAsTheyAreKept() {
        database.update("make a table", "CREATE TABLE times (at INTEGER, note TEXT)");
        database.update("write a time", "INSERT INTO times (at, note) VALUES (?, ?)",
                Instant.ofEpochMilli(1_795_312_800_123L), null);

        assertThat(database.first("read a time", "SELECT at, note FROM times", row -> Sql.instant(row, "at") + " "
                + row.getString("note"))).contains("2026-11-22T02:00:00.123Z null");
    }

    @Test
    void anInMemoryDatabaseHasTheWholeSchema() {
        try (Database memory = Database.inMemory()) {
            assertThat(memory.first("read the schema version", "PRAGMA user_version", row -> row.getInt(1)))
                    .contains(Migrations.of(SqliteDialect.INSTANCE).latest());
            assertThat(memory.dialect().name()).isEqualTo("sqlite");
        }
    }

    @Test
    void aClosedDatabaseFailsWithAStoreException() {
        database.close();

        assertThatThrownBy(this::notes).isInstanceOf(StoreException.class).hasMessageStartingWith("cannot read notes");
        database = Database.inMemory();
    }
}
