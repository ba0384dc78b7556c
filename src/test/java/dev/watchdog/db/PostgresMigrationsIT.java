package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.testing.Await;
import dev.watchdog.testing.RealPostgres;
import dev.watchdog.testing.RealPostgres.TestDatabase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** PostgreSQL's schema files: the same tables as SQLite's, applied once however many replicas start. */
class PostgresMigrationsIT {

    private static final TestDatabase DATABASE = RealPostgres.newDatabase();
    private static final Set<String> ONLY_POSTGRESQL = Set.of("leases", "replicas", "schema_version");
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final PostgresSettings schema = DATABASE.newSchema();

    @Test
    void theStepsAreSqlitesStepsWithTheLeadershipTablesAfterTheSixth() {
        List<String> sqlite = Migrations.load(getClass().getClassLoader(), "db/migration/sqlite").stream()
                .map(Migrations.Step::file).map(file -> file.substring(file.indexOf("__"))).toList();
        List<String> postgresql = Migrations.load(getClass().getClassLoader(), "db/migration/postgresql").stream()
                .map(Migrations.Step::file).map(file -> file.substring(file.indexOf("__"))).toList();

        // PostgreSQL's own step (leases, replicas) came when SQLite was at 6; later steps follow both.
        List<String> expected = new java.util.ArrayList<>(sqlite);
        expected.add(6, "__leadership.sql");
        assertThat(postgresql).isEqualTo(expected);
    }

    @Test
    void aNewDatabaseHasTheTablesColumnsAndIndexesOfANewSqliteOne() {
        try (Database postgresql = Database.postgresql(schema); Database sqlite = Database.inMemory()) {
            Map<String, List<String>> tables = describe(postgresql);

            assertThat(tables).hasSize(17).isEqualTo(describe(sqlite));
            assertThat(tables.get("alert_occurrences")).contains("id integer key", "value real",
                    "labels text not null", "index one_open_occurrence unique", "last_notified_at integer",
                    "likely_cause text");
        }
    }

    /**
     * Each table's columns ("name kind [key|not null]", kind as integer, real or text) and indexes,
     * as JDBC describes them: the words differ between the two, the meaning must not.
     */
    private static Map<String, List<String>> describe(Database database) {
        return database.run("describe the schema", sql -> {
            Connection connection = sql.connection();
            String schemaName = connection.getSchema();
            DatabaseMetaData meta = connection.getMetaData();
            Map<String, List<String>> tables = new TreeMap<>();
            try (ResultSet table = meta.getTables(null, schemaName, "%", new String[] {"TABLE"})) {
                while (table.next()) {
                    String name = table.getString("TABLE_NAME");
                    if (!ONLY_POSTGRESQL.contains(name) && !name.startsWith("sqlite_")) {
                        tables.put(name, describe(meta, schemaName, name));
                    }
                }
            }
            return tables;
        });
    }

    private static List<String> describe(DatabaseMetaData meta, String schemaName, String table) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (ResultSet key = meta.getPrimaryKeys(null, schemaName, table)) {
            while (key.next()) {
                keys.add(key.getString("COLUMN_NAME"));
            }
        }
        List<String> described = new ArrayList<>();
        try (ResultSet column = meta.getColumns(null, schemaName, table, "%")) {
            while (column.next()) {
                String name = column.getString("COLUMN_NAME");
                // SQLite lets a TEXT primary key hold NULL: only say "not null" of the other columns.
                String constraint = keys.contains(name) ? " key" : "NO".equals(column.getString("IS_NULLABLE"))
                        ? " not null" : "";
                described.add(name + " " + kind(column.getString("TYPE_NAME")) + constraint);
            }
        }
        try (ResultSet index = meta.getIndexInfo(null, schemaName, table, false, false)) {
            while (index.next()) {
                String name = index.getString("INDEX_NAME");
                if (name != null && !name.endsWith("_pkey") && !name.startsWith("sqlite_autoindex")
                        && !described.contains("index " + name) && !described.contains("index " + name + " unique")) {
                    described.add("index " + name + (index.getBoolean("NON_UNIQUE") ? "" : " unique"));
                }
            }
        }
        described.sort(null);
        return described;
    }

    private static String kind(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.contains("int") || lower.equals("bigserial") ? "integer"
                : lower.contains("real") || lower.contains("float") || lower.contains("double") ? "real" : lower;
    }

    @Test
    void replicasStartingAtOnceMigrateOneAfterTheOther() throws Exception {
        CompletableFuture<Database> first;
        CompletableFuture<Database> second;
        // Two threads of their own, as two replicas are two processes: on the common pool (one thread on
        // two cores) the second would start only once the first had finished.
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try (Connection holder = PostgresDatabaseIT.connect(schema)) {
            // Hold the migration lock as a replica migrating slowly would.
            holder.setAutoCommit(false);
            PostgresDialect.INSTANCE.lockSchema(holder);
            first = CompletableFuture.supplyAsync(() -> Database.postgresql(schema), replicas);
            second = CompletableFuture.supplyAsync(() -> Database.postgresql(schema), replicas);
            Await.until(BOUND, () -> DATABASE.sessionsWaitingForALock() == 2,
                    () -> DATABASE.sessionsWaitingForALock() + " replicas wait for the migration lock, not 2"
                            + (first.isCompletedExceptionally() ? "; the first failed: " + first.handle((db, e) -> e).join() : ""));
            holder.commit();
        }

        try (Database one = first.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                Database other = second.get(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            assertThat(one.query("read the schema versions", "SELECT version FROM schema_version",
                    row -> row.getInt(1))).as("migrated once")
                    .containsExactly(Migrations.of(PostgresDialect.INSTANCE).latest());
            assertThat(other.first("count the leases", "SELECT count(*) FROM leases", row -> row.getInt(1)))
                    .contains(1);
        } finally {
            replicas.shutdownNow();
        }
    }

    @Test
    void aFailedStepLeavesTheDatabaseAsItWas() throws Exception {
        Migrations broken = new Migrations(PostgresDialect.INSTANCE, List.of(
                new Migrations.Step(1, "V1__test.sql", List.of("CREATE TABLE first (a TEXT)")),
                new Migrations.Step(2, "V2__test.sql", List.of("NOT SQL"))));

        try (Connection connection = PostgresDatabaseIT.connect(schema)) {
            assertThatThrownBy(() -> broken.apply(connection, schema.url())).isInstanceOf(SQLException.class);

            assertThat(PostgresDialect.INSTANCE.schemaVersion(connection)).isZero();
            try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), "%", null)) {
                assertThat(tables.next()).as("no table, not even the version table").isFalse();
            }
        }
    }
}
