package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SQLite statements are compiled once per connection and text, and reused with fresh parameters. */
class StatementCacheTest {

    private final Connection connection = open();
    private final StatementCache cache = new StatementCache(connection);
    private final Sql sql = new Sql(connection, cache);

    private static Connection open() {
        try {
            Connection opened = DriverManager.getConnection("jdbc:sqlite::memory:");
            opened.createStatement().execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
            return opened;
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
    }

    @AfterEach
    void close() throws SQLException {
        cache.clear();
        connection.close();
    }

    @Test
    void aStatementRunTwiceIsPreparedOnceAndSeesItsNewParameters() throws SQLException {
        sql.update("INSERT INTO notes (text) VALUES (?)", "one");
        sql.update("INSERT INTO notes (text) VALUES (?)", "two");
        List<String> first = sql.query("SELECT text FROM notes WHERE text = ?", row -> row.getString(1), "one");
        List<String> second = sql.query("SELECT text FROM notes WHERE text = ?", row -> row.getString(1), "two");

        assertThat(first).containsExactly("one");
        assertThat(second).containsExactly("two");
        assertThat(cache.prepared()).isEqualTo(2);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void parametersOfOneRunDoNotLeakIntoTheNext() throws SQLException {
        sql.update("INSERT INTO notes (id, text) VALUES (?, ?)", 1, "one");
        sql.update("INSERT INTO notes (id, text) VALUES (?, ?)", 2);

        assertThat(sql.query("SELECT text FROM notes ORDER BY id", row -> String.valueOf(row.getString(1))))
                .containsExactly("one", "null");
    }

    @Test
    void theSameTextRunInsideItsOwnRowReaderGetsAStatementOfItsOwn() throws SQLException {
        sql.update("INSERT INTO notes (text) VALUES ('a'), ('b')");
        String select = "SELECT text FROM notes WHERE text >= ? ORDER BY text";
        long before = cache.prepared();

        List<List<String>> nested = sql.query(select, row -> sql.query(select, inner -> inner.getString(1),
                row.getString(1)), "a");

        assertThat(nested).containsExactly(List.of("a", "b"), List.of("b"));
        assertThat(cache.size()).as("the insert and the outer select").isEqualTo(2);
        assertThat(cache.prepared() - before).as("the nested runs' statements are not kept").isEqualTo(3);
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() throws SQLException {
        sql.query("SELECT 0", row -> row.getInt(1));
        for (int i = 1; i <= StatementCache.CAPACITY; i++) {
            sql.query("SELECT " + i, row -> row.getInt(1));
            sql.query("SELECT 1", row -> row.getInt(1)); // kept in use, so never the oldest
        }
        long prepared = cache.prepared();

        sql.query("SELECT 1", row -> row.getInt(1));
        sql.query("SELECT 0", row -> row.getInt(1));

        assertThat(cache.size()).isEqualTo(StatementCache.CAPACITY);
        assertThat(cache.prepared()).as("SELECT 1 stayed, SELECT 0 was dropped").isEqualTo(prepared + 1);
    }

    @Test
    void aFailedStatementIsNotKept() throws SQLException {
        assertThatThrownBy(() -> sql.update("INSERT INTO notes (id, text) VALUES (1, 'a'), (1, 'b')"))
                .isInstanceOf(SQLException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theDatabaseOnSqliteReusesItsConnectionsStatements() {
        try (Database database = Database.inMemory()) {
            long before = database.run("count", sql -> ((StatementCache) sqlStatements(sql)).prepared());
            for (int i = 0; i < 3; i++) {
                database.first("read", "SELECT count(*) FROM slack_channels WHERE name = ?", row -> row.getInt(1),
                        "#c" + i);
            }
            long after = database.run("count", sql -> ((StatementCache) sqlStatements(sql)).prepared());
            assertThat(after - before).isEqualTo(1);
        }
    }

    private static Statements sqlStatements(Sql sql) {
        return sql.statements();
    }
}
