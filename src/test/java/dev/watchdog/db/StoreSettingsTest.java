package dev.watchdog.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.config.ConfigDocument;
import dev.watchdog.config.ConfigProblem;
import dev.watchdog.security.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding the {@code store:} section; the invalid ones are fixtures of InvalidConfigTest. */
class StoreSettingsTest {

    private static final Path FALLBACK = Path.of("data/watchdog.db");

    @TempDir
    Path dir;

    private List<String> problems;

    private StoreSettings bind(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, yaml);
        List<ConfigProblem> found = new ArrayList<>();
        ConfigDocument document = new ConfigDocument("watchdog.yml", found, env, new LinkedHashMap<>());
        StoreSettings settings = StoreSettings.bind(document.parse(file, true).orElseThrow().field("store")
                .orElseThrow(), FALLBACK);
        problems = found.stream().map(ConfigProblem::toString).toList();
        return settings;
    }

    @Test
    void sqliteIsTheDefaultType() throws IOException {
        StoreSettings settings = bind("store: {path: /var/lib/watchdog/watchdog.db, retention: 7d}\n", Map.of());

        assertThat(problems).isEmpty();
        assertThat(settings.isPostgresql()).isFalse();
        assertThat(settings.path()).isEqualTo(Path.of("/var/lib/watchdog/watchdog.db"));
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(7));
        assertThat(bind("store: {type: sqlite}\n", Map.of())).isEqualTo(StoreSettings.defaults(FALLBACK));
    }

    @Test
    void aPostgresqlStoreBindsWithItsPasswordFromTheEnvironmentAndPrintsNone() throws IOException {
        StoreSettings settings = bind("""
                store:
                  type: postgresql
                  url: jdbc:postgresql://db.internal:5432/watchdog
                  username: watchdog
                  password: ${WATCHDOG_DB_PASSWORD}
                  pool-size: 8
                  connect-timeout: 3s
                  statement-timeout: 1m
                """, Map.of("WATCHDOG_DB_PASSWORD", "s3cret-pw"));

        assertThat(problems).isEmpty();
        assertThat(settings.isPostgresql()).isTrue();
        assertThat(settings.path()).isNull();
        assertThat(settings.retention()).isEqualTo(StoreSettings.DEFAULT_RETENTION);
        assertThat(settings.postgresql()).isEqualTo(new PostgresSettings("jdbc:postgresql://db.internal:5432/watchdog",
                "watchdog", Secret.of("s3cret-pw"), 8, Duration.ofSeconds(3), Duration.ofMinutes(1)));
        assertThat(settings.toString()).doesNotContain("s3cret-pw").contains("***");
    }

    @Test
    void aPostgresqlStoreHasDefaultsForThePoolAndTheTimeouts() throws IOException {
        PostgresSettings settings = bind("""
                store: {type: postgresql, url: "jdbc:postgresql://db/watchdog", username: watchdog}
                """, Map.of()).postgresql();

        assertThat(problems).isEmpty();
        assertThat(settings.password().isEmpty()).as("certificate or trust authentication").isTrue();
        assertThat(settings.poolSize()).isEqualTo(PostgresSettings.DEFAULT_POOL_SIZE);
        assertThat(settings.connectTimeout()).isEqualTo(PostgresSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(settings.statementTimeout()).isEqualTo(PostgresSettings.DEFAULT_STATEMENT_TIMEOUT);
    }

    @Test
    void aPasswordInTheUrlIsRefusedSinceTheUrlIsLogged() throws IOException {
        bind("""
                store:
                  type: postgresql
                  url: jdbc:postgresql://db/watchdog?user=watchdog&password=s3cret-pw
                  username: watchdog
                """, Map.of());

        assertThat(problems).containsExactly(
                "watchdog.yml:3: store.url: must not hold the password: put it under store.password");
    }
}
