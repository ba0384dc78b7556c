package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every kind of {@link Database} does; a subclass per dialect opens it. */
abstract class DatabaseTest {

    protected Database database;

    /** Opens the test's database: a new, migrated one at first, the same one again later. */
    protected abstract Database openDatabase();

    /** The dialect's words for a key the database numbers itself. */
    protected abstract String generatedKey();

    /** Makes the closed database look written by a Watchdog whose last migration is {@code version}. */
    protected abstract void markWrittenAtVersion(int version) throws Exception;

    protected abstract int latestVersion();

    @BeforeEach
    void open() {
        database = openDatabase();
        database.update("make a table", "CREATE TABLE notes (id " + generatedKey() + ", text TEXT NOT NULL)");
    }

    @AfterEach
    void close() {
        database.close();
    }

    protected final List<String> notes() {
        return database.query("read notes", "SELECT text FROM notes ORDER BY id", row -> row.getString(1));
    }

    @Test
    void refusesADatabaseWrittenByANewerWatchdog() throws Exception {
        database.close();
        markWrittenAtVersion(99);

        assertThatThrownBy(this::openDatabase)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("has schema version 99 but this Watchdog knows only up to " + latestVersion());
        database = Database.inMemory();
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
        database.update("make a table", "CREATE TABLE times (at BIGINT, note TEXT)");
        database.update("write a time", "INSERT INTO times (at, note) VALUES (?, ?)",
                Instant.ofEpochMilli(1_795_312_800_123L), null);

        assertThat(database.first("read a time", "SELECT at, note FROM times", row -> Sql.instant(row, "at") + " "
                + row.getString("note"))).contains("2026-11-22T02:00:00.123Z null");
    }

    @Test
    void aClosedDatabaseFailsWithAStoreException() {
        database.close();

        assertThatThrownBy(this::notes).isInstanceOf(StoreException.class).hasMessageStartingWith("cannot read notes");
        assertThat(database.isAvailable()).isFalse();
        database = Database.inMemory();
    }
}
