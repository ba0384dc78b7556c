package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.agent.SqlConversationStore;
import dev.watchdog.agent.TokenTotals;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.approval.AuditEvent;
import dev.watchdog.approval.ProposalState;
import dev.watchdog.approval.SqlProposalStore;
import dev.watchdog.approval.StoredProposal;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.testing.TestResources;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema files against the databases Watchdog wrote before they existed: the fixtures are
 * {@code sqlite3 .dump}s of files written by the Java migrations this runner replaced.
 */
class MigrationsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    @TempDir
    Path dir;

    /** A database file as an older Watchdog left it. */
    private Path writtenAtVersion(int version) throws SQLException {
        Path file = dir.resolve("watchdog.db");
        String dump = TestResources.text("/dev/watchdog/db/written-at-version-" + version + ".sql");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String sql : SqlScript.statements(dump)) {
                statement.execute(sql);
            }
        }
        return file;
    }

    private static int userVersion(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            return statement.executeQuery("PRAGMA user_version").getInt(1);
        }
    }

    /** Tables, indexes and triggers as SQLite keeps them, with runs of whitespace made one space. */
    private static List<String> schema(Database database) {
        return database.query("read the schema", "SELECT type, name, sql FROM sqlite_master"
                + " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
                row -> row.getString(1) + " " + row.getString(2) + ": " + row.getString(3).replaceAll("\\s+", " "));
    }

    @Test
    void theShippedMigrationsKeepTheVersionNumbersDatabasesAlreadyHave() {
        assertThat(Migrations.load(getClass().getClassLoader(), "db/migration/sqlite"))
                .extracting(Migrations.Step::file)
                .containsExactly("V1__alerts.sql", "V2__slack_channels.sql", "V3__last_notified_at.sql",
                        "V4__conversations.sql", "V5__proposals_and_audit.sql", "V6__likely_cause.sql",
                        "V7__claims.sql", "V8__incidents.sql", "V9__rendered_versions.sql", "V10__incident_memory.sql",
                        "V11__alert_storms.sql");
    }

    @Test
    void aNewDatabaseGetsExactlyTheSchemaThePreviousCodeBuilt() throws Exception {
        Path old = writtenAtVersion(6);
        try (Database fresh = Database.inMemory(); Database previous = Database.sqlite(old)) {
            assertThat(schema(fresh)).hasSize(39).isEqualTo(schema(previous));
        }
    }

    @Test
    void aDatabaseWrittenByThePreviousCodeOpensAsItIsWithEverythingInIt() throws Exception {
        Path file = writtenAtVersion(6);

        try (Database database = Database.sqlite(file)) {
            AlertStore alerts = new SqlAlertStore(database, Clock.systemUTC());
            StoredAlert alert = alerts.byMessage("C0ALERTS01", "1790000000.000100").orElseThrow();
            assertThat(alert.alert().labels()).containsEntry("alertname", "Down");
            assertThat(alert.ackedBy()).isEqualTo("U0ONCALL01");
            assertThat(alert.lastNotifiedAt()).isEqualTo(T0.plusSeconds(62));
            assertThat(alert.likelyCause()).isEqualTo("The v1.5.0 release of checkout.");
            assertThat(alerts.snoozeOf("snoozekey")).map(snooze -> snooze.until()).contains(T0.plusSeconds(3600));
            assertThat(alerts.channelId("#alerts")).contains("C0ALERTS01");

            SqlConversationStore conversations = new SqlConversationStore(database);
            assertThat(conversations.conversation("C0ALERTS01:1790000000.000100")).contains("[{\"type\":\"USER\"}]");
            assertThat(conversations.tokenUsage("C0ALERTS01:1790000000.000100")).isEqualTo(new TokenTotals(1200, 300));

            SqlProposalStore proposals = new SqlProposalStore(database);
            StoredProposal proposal = proposals.proposal("P-AAAAAA").orElseThrow();
            assertThat(proposal.parameters()).containsExactly(Map.entry("service", "checkout"),
                    Map.entry("replicas", 3L));
            assertThat(proposal.state()).isEqualTo(ProposalState.PENDING);
            assertThat(proposals.recentAudit(10)).singleElement()
                    .satisfies(record -> assertThat(record.event()).isEqualTo(AuditEvent.PROPOSED));
        }
        assertThat(userVersion(file)).isEqualTo(11);
    }

    @Test
    void anOlderDatabaseGetsTheMissingStepsAndKeepsItsRows() throws Exception {
        Path file = writtenAtVersion(3);

        try (Database database = Database.sqlite(file)) {
            AlertStore alerts = new SqlAlertStore(database, Clock.systemUTC());
            StoredAlert alert = alerts.byId(1).orElseThrow();
            assertThat(alert.message()).isEqualTo(new PostedMessage("C0ALERTS01", "1790000000.000100"));
            assertThat(alert.lastNotifiedAt()).isEqualTo(T0.plusSeconds(62));
            assertThat(alert.likelyCause()).isNull();
            alerts.recordLikelyCause(1, "A bad deploy.");
            assertThat(alerts.byId(1).orElseThrow().likelyCause()).isEqualTo("A bad deploy.");
            assertThat(alerts.channelId("#alerts")).contains("C0ALERTS01");

            new SqlConversationStore(database).saveConversation("C1:1.2", "[]", T0);
            assertThat(new SqlProposalStore(database).proposals(ProposalState.PENDING)).isEmpty();
        }
        assertThat(userVersion(file)).isEqualTo(11);
    }

    @Test
    void aFailedStepLeavesTheDatabaseAsItWas() throws Exception {
        Path file = writtenAtVersion(3);
        Migrations broken = new Migrations(SqliteDialect.INSTANCE, List.of(
                step(1, "SELECT 1"), step(2, "SELECT 1"), step(3, "SELECT 1"),
                step(4, "CREATE TABLE conversations (memory_id TEXT PRIMARY KEY)"), step(5, "NOT SQL")));

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThatThrownBy(() -> broken.apply(connection, file.toString())).isInstanceOf(SQLException.class);
        }

        assertThat(userVersion(file)).isEqualTo(3);
        try (Database database = Database.sqlite(file)) {
            assertThat(new SqlConversationStore(database).conversation("C1:1.2")).as("step 4 again, in full").isEmpty();
        }
    }

    private static Migrations.Step step(int version, String sql) {
        return new Migrations.Step(version, "V" + version + "__test.sql", List.of(sql));
    }

    @Test
    void aMissingOrDoubledNumberIsRefused() {
        assertThatThrownBy(() -> new Migrations(SqliteDialect.INSTANCE, List.of(step(1, "SELECT 1"),
                step(3, "SELECT 1")))).isInstanceOf(IllegalStateException.class)
                .hasMessage("migration 2 is missing or doubled: found V3__test.sql");
        assertThatThrownBy(() -> new Migrations(SqliteDialect.INSTANCE, List.of(step(1, "SELECT 1"),
                step(1, "SELECT 2"))))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("migration 2 is missing or doubled");
    }

    @Test
    void migrationsAreReadFromAFolderOrFromInsideAJar() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("classes/db/migration/test"));
        Files.writeString(folder.resolve("V2__second.sql"), "-- why\nALTER TABLE t ADD COLUMN b TEXT;\n");
        Files.writeString(folder.resolve("V1__first.sql"),
                "CREATE TABLE t (\n    a TEXT\n);\nCREATE INDEX t_a ON t(a);\n");
        Path jar = dir.resolve("watchdog.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            // Folders have entries of their own, as in the jar Maven builds.
            for (String folderEntry : List.of("db/", "db/migration/", "db/migration/test/")) {
                entries.putNextEntry(new JarEntry(folderEntry));
            }
            for (String name : List.of("V1__first.sql", "V2__second.sql")) {
                entries.putNextEntry(new JarEntry("db/migration/test/" + name));
                entries.write(Files.readString(folder.resolve(name)).getBytes(StandardCharsets.UTF_8));
            }
        }

        for (URL classpath : List.of(dir.resolve("classes").toUri().toURL(), jar.toUri().toURL())) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath}, null)) {
                assertThat(Migrations.load(loader, "db/migration/test")).containsExactly(
                        new Migrations.Step(1, "V1__first.sql", List.of("CREATE TABLE t (\n    a TEXT\n)",
                                "CREATE INDEX t_a ON t(a)")),
                        new Migrations.Step(2, "V2__second.sql", List.of("ALTER TABLE t ADD COLUMN b TEXT")));
            }
        }
    }

    @Test
    void aFileThatIsNotAMigrationIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("classes/db/migration/test"));
        Files.writeString(folder.resolve("V1__first.sql"), "CREATE TABLE t (a TEXT);\n");
        Files.writeString(folder.resolve("notes.txt"), "");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
            assertThatThrownBy(() -> Migrations.load(loader, "db/migration/test"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("notes.txt in ")
                    .hasMessageEndingWith("is not named V<n>__<what>.sql");
        }
    }
}
