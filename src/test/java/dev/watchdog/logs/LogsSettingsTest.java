package dev.watchdog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.config.ConfigDocument;
import dev.watchdog.config.ConfigNode;
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

/** Binding the {@code logs:} section; every problem is asserted with its exact text. */
class LogsSettingsTest {

    @TempDir
    Path dir;

    private List<String> problems;

    @Test
    void theDocumentedExampleBinds() throws IOException {
        LogsSettings settings = bind("""
                logs:
                  max-lines: 200000           # per search, file sources
                  timeout: 10s                # per source
                  sources:
                    - name: app-files
                      type: file
                      paths: [/var/log/app/*.log]
                      format: auto            # auto | json | text
                    - name: loki
                      type: loki
                      url: http://loki:3100
                      selector: '{app="checkout"}'
                      tenant: team-a          # optional X-Scope-OrgID
                      username: ${LOKI_USER:-}   # optional basic auth
                      password: ${LOKI_PASSWORD:-}
                      token: ${LOKI_TOKEN:-}     # optional bearer
                    - name: es
                      type: elasticsearch     # or opensearch
                      url: https://es:9200
                      index: logs-*
                      timestamp-field: "@timestamp"
                      level-field: log.level
                      message-field: message
                      error-type-field: error.type   # optional
                      api-key: ${ES_API_KEY:-}
                """, Map.of("LOKI_USER", "watchdog", "LOKI_PASSWORD", "s3cret-pass", "ES_API_KEY", ""));

        assertThat(problems).isEmpty();
        assertThat(settings).isEqualTo(new LogsSettings(200_000, 256L * 1024 * 1024, Duration.ofSeconds(10), List.of(
                new LogsSettings.FileSource("app-files", List.of("/var/log/app/*.log"), "auto"),
                new LogsSettings.LokiSource("loki", "http://loki:3100", "{app=\"checkout\"}", "team-a", "watchdog",
                        Secret.of("s3cret-pass"), Secret.NONE, 1000),
                new LogsSettings.ElasticsearchSource("es", "elasticsearch", "https://es:9200", "logs-*", "@timestamp",
                        "log.level", "message", "error.type", Secret.NONE, "", Secret.NONE, 500))));
        assertThat(settings.secrets()).containsExactly("s3cret-pass");
        assertThat(settings.toString()).doesNotContain("s3cret-pass").contains("password=***");
    }

    @Test
    void defaultsApplyToWhatIsLeftOut() throws IOException {
        LogsSettings settings = bind("""
                logs:
                  max-bytes: 1GiB
                  sources:
                    - {name: search, type: opensearch, url: "http://os:9200", index: "app-*,web-*", username: reader, password: pw}
                """, Map.of());

        assertThat(problems).isEmpty();
        assertThat(settings).isEqualTo(new LogsSettings(200_000, 1L << 30, Duration.ofSeconds(10), List.of(
                new LogsSettings.ElasticsearchSource("search", "opensearch", "http://os:9200", "app-*,web-*",
                        "@timestamp", "", "message", "", Secret.NONE, "reader", Secret.of("pw"), 500))));
    }

    @Test
    void limitsAndTimeoutAreChecked() throws IOException {
        bind("""
                logs:
                  max-lines: 10
                  max-bytes: lots
                  timeout: 0s
                  max-line: 5
                """, Map.of());

        assertThat(problems).containsExactly(
                "watchdog.yml:5: logs.max-line: unknown key (allowed: max-lines, max-bytes, timeout, sources)",
                "watchdog.yml:2: logs.max-lines: 10 is out of range (allowed: 1000 to 100000000)",
                "watchdog.yml:3: logs.max-bytes: \"lots\" is not a size from 1MiB to 64GiB (a number with a unit: B, KB, "
                        + "KiB, MB, MiB, GB, GiB, e.g. 256MiB)",
                "watchdog.yml:4: logs.timeout: must be more than 0s and at most 5m");
    }

    @Test
    void aTimeoutMustBeADuration() throws IOException {
        bind("""
                logs:
                  timeout: 10x
                """, Map.of());

        assertThat(problems).containsExactly("watchdog.yml:2: logs.timeout: \"10x\" is not a duration (use a number "
                + "with a unit (ms, s, m, h, d, w, y), e.g. 30s, 5m, 1h30m)");
    }

    @Test
    void everySourceNeedsAUniqueNameAndAKnownType() throws IOException {
        bind("""
                logs:
                  sources:
                    - name: app
                      type: file
                      paths: [/var/log/a.log]
                    - name: app
                      type: file
                      paths: [/var/log/b.log]
                    - name: "bad name!"
                      type: splunk
                    - type: loki
                      url: http://loki:3100
                      selector: '{a="b"}'
                    - name: nothing
                      url: http://x
                    - just a string
                """, Map.of());

        assertThat(problems).containsExactly(
                "watchdog.yml:6: logs.sources[1].name: \"app\" is already the name of another source; names must be "
                        + "unique",
                "watchdog.yml:9: logs.sources[2].name: \"bad name!\" is not a source name (letters, digits, and . _ - "
                        + "after the first character, at most 64)",
                "watchdog.yml:10: logs.sources[2].type: \"splunk\" is not a log source type (allowed: file, loki, "
                        + "elasticsearch, opensearch)",
                "watchdog.yml:11: logs.sources[3]: \"name\" is required (a unique name for the source, e.g. app-files)",
                "watchdog.yml:14: logs.sources[4]: \"type\" is required (allowed: file, loki, elasticsearch, opensearch)",
                "watchdog.yml:16: logs.sources[5]: must be a mapping with name, type and the type's settings, not a "
                        + "single value or a list");
    }

    @Test
    void fileSourcesReadOnlyAbsolutePathsWithoutDotDot() throws IOException {
        bind("""
                logs:
                  sources:
                    - name: files
                      type: file
                      paths: [var/log/app.log, /var/log/../../etc/shadow, "/var/log/app/[a.log", /]
                      format: xml
                      url: http://x
                    - name: empty
                      type: file
                      paths: []
                    - name: none
                      type: file
                """, Map.of());

        assertThat(problems).containsExactly(
                "watchdog.yml:7: logs.sources[0].url: unknown key (allowed: name, type, paths, format)",
                "watchdog.yml:5: logs.sources[0].paths[0]: \"var/log/app.log\" is not an absolute path (file sources "
                        + "read absolute paths or globs only, e.g. /var/log/app/*.log)",
                "watchdog.yml:5: logs.sources[0].paths[1]: \"/var/log/../../etc/shadow\" must not contain \"..\"; write "
                        + "the directory it leads to",
                "watchdog.yml:5: logs.sources[0].paths[2]: \"/var/log/app/[a.log\" is not a valid glob: Missing ']",
                "watchdog.yml:5: logs.sources[0].paths[3]: \"/\" names a directory; add a file name or glob, e.g. "
                        + "/*.log",
                "watchdog.yml:6: logs.sources[0].format: \"xml\" is not a log format (allowed: auto, json, text)",
                "watchdog.yml:10: logs.sources[1].paths: must list at least one path or glob",
                "watchdog.yml:11: logs.sources[2]: \"paths\" is required (a list of absolute paths or globs, e.g. "
                        + "[/var/log/app/*.log])");
    }

    @Test
    void lokiNeedsAUrlASelectorAndOneKindOfAuth() throws IOException {
        bind("""
                logs:
                  sources:
                    - name: loki
                      type: loki
                      selector: app="checkout"
                      username: watchdog
                      token: abc
                      limit: 9000
                      index: logs
                    - name: loki2
                      type: loki
                      url: ftp://loki
                      password: ${LOKI_PASSWORD}
                """, Map.of("LOKI_PASSWORD", "pw"));

        assertThat(problems).containsExactly(
                "watchdog.yml:9: logs.sources[0].index: unknown key (allowed: name, type, url, selector, tenant, "
                        + "username, password, token, limit)",
                "watchdog.yml:3: logs.sources[0]: \"url\" is required (the Loki base URL, e.g. http://loki:3100)",
                "watchdog.yml:5: logs.sources[0].selector: \"app=\"checkout\"\" is not a LogQL stream selector "
                        + "(labels in braces, e.g. {app=\"checkout\"})",
                "watchdog.yml:6: logs.sources[0].username: is set but password is empty; set both or neither",
                "watchdog.yml:7: logs.sources[0].token: set either username and password or token, not both",
                "watchdog.yml:8: logs.sources[0].limit: 9000 is out of range (allowed: 1 to 5000)",
                "watchdog.yml:12: logs.sources[1].url: \"ftp://loki\" is not an http:// or https:// URL",
                "watchdog.yml:10: logs.sources[1]: \"selector\" is required (a LogQL stream selector, e.g. "
                        + "{app=\"checkout\"})",
                "watchdog.yml:13: logs.sources[1].password: is set but username is empty; set both or neither");
    }

    @Test
    void elasticsearchNeedsAnIndexThatStaysInItsPathSegment() throws IOException {
        bind("""
                logs:
                  sources:
                    - name: es
                      type: elasticsearch
                      url: https://es:9200
                      index: _security/user
                      api-key: abc
                      username: elastic
                      password: changeme
                      selector: x
                    - name: os
                      type: opensearch
                      url: https://os:9200
                """, Map.of());

        assertThat(problems).containsExactly(
                "watchdog.yml:10: logs.sources[0].selector: unknown key (allowed: name, type, url, index, "
                        + "timestamp-field, level-field, message-field, error-type-field, api-key, username, password, "
                        + "limit)",
                "watchdog.yml:6: logs.sources[0].index: \"_security/user\" is not an index name or pattern (lower-case "
                        + "letters, digits and . _ - * , : only, not starting with _ or -), e.g. logs-*",
                "watchdog.yml:7: logs.sources[0].api-key: set either api-key or username and password, not both",
                "watchdog.yml:11: logs.sources[1]: \"index\" is required (an index name or pattern, e.g. logs-*)");
    }

    @Test
    void secretsNeverShowInTheRecordsText() {
        LogsSettings.ElasticsearchSource es = new LogsSettings.ElasticsearchSource("es", "elasticsearch", "https://es",
                "logs", "@timestamp", "", "message", "", Secret.of("my-api-key"), "", Secret.NONE, 500);
        LogsSettings.LokiSource loki = new LogsSettings.LokiSource("loki", "http://loki", "{a=\"b\"}", "", "u",
                Secret.of("my-password"), Secret.of("my-token"), 1000);

        assertThat(es.toString()).doesNotContain("my-api-key").contains("apiKey=***");
        assertThat(loki.toString()).doesNotContain("my-password").doesNotContain("my-token");
    }

    /** Binds the logs section of {@code yaml}; problems go to {@link #problems}, sorted as ConfigException sorts them. */
    private LogsSettings bind(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, yaml);
        List<ConfigProblem> found = new ArrayList<>();
        ConfigDocument document = new ConfigDocument("watchdog.yml", found, env, new LinkedHashMap<>());
        ConfigNode root = document.parse(file, true).orElseThrow();
        LogsSettings settings = LogsSettings.bind(root.field("logs").orElseThrow());
        problems = found.stream().map(ConfigProblem::toString).toList();
        return settings;
    }
}
