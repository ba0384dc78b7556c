package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.testing.ChildProcess;
import dev.watchdog.testing.MetricsEndpoint;
import dev.watchdog.testing.RealPrometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user runs it, against a real Prometheus. */
class WatchdogJarIT {

    private static final Duration EXIT = Duration.ofSeconds(60);
    private static MetricsEndpoint metrics;
    private static RealPrometheus prometheus;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPrometheus() {
        metrics = new MetricsEndpoint();
        metrics.set("queue_depth", Map.of("queue", "orders"), 250);
        prometheus = RealPrometheus.builder().scrape(metrics).start();
        prometheus.awaitScrapes(1);
    }

    @AfterAll
    static void stopPrometheus() {
        prometheus.close();
        metrics.close();
    }

    @Test
    void versionIsPrinted() throws Exception {
        try (ChildProcess jar = ChildProcess.startJar(Map.of(), "--version")) {
            assertThat(jar.awaitExit(EXIT)).isZero();
            // The jar is built from a git checkout, so the revision and the build time are known.
            assertThat(jar.stdoutText().strip()).matches(
                    "watchdog \\d+\\.\\d+\\.\\d+\\S* \\(revision [0-9a-f]{7,}, built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)");
        }
    }

    @Test
    void checkConfigPassesOnTheShippedConfigAndTriesEveryExpressionOnPrometheus() throws Exception {
        try (ChildProcess jar = ChildProcess.startJar(Map.of("PROMETHEUS_URL", prometheus.url()), "check-config")) {
            assertThat(jar.awaitExit(EXIT)).as(jar.output()).isZero();
            assertThat(jar.stdoutText()).contains(
                    "watchdog.yml: 6 alerting rule(s) in 3 group(s)",
                    "Prometheus at " + prometheus.url() + " accepted 6 of 6 rule expression(s)",
                    "note: SLACK_BOT_TOKEN is not set",
                    "config OK");
        }
    }

    @Test
    void checkConfigSaysWhenPrometheusCannotBeReached() throws Exception {
        try (ChildProcess jar = ChildProcess.startJar(Map.of("PROMETHEUS_URL", "http://127.0.0.1:1"), "check-config")) {
            assertThat(jar.awaitExit(EXIT)).as(jar.output()).isZero();
            assertThat(jar.stdoutText()).contains("note: Prometheus at http://127.0.0.1:1 is not reachable",
                    "rule expressions were not checked against it", "config OK");
        }
    }

    @Test
    void checkConfigListsEveryProblemAndExitsTwo() throws Exception {
        Path broken = Path.of("src/test/resources/config/invalid/several-problems.yml");
        try (ChildProcess jar = ChildProcess.startJar(Map.of(), "check-config", "--config", broken.toString())) {
            assertThat(jar.awaitExit(EXIT)).isEqualTo(2);
            assertThat(jar.stderrText()).contains(
                    broken + " has 4 problem(s):",
                    broken + ":6: slack.channel: must name a channel",
                    broken + ":8: prometheus.poll-interval: \"soon\" is not a duration",
                    broken + ":13: groups[0].rules[0].expr: must not be empty",
                    broken + ":15: alerting.repeat-interval: \"4 hours\" is not a duration");
        }
    }

    @Test
    void checkConfigFindsAPromqlTypoOfflineWithItsPosition() throws Exception {
        Path config = dir.resolve("typo.yml");
        Files.writeString(config, """
                prometheus: {url: %s}
                groups:
                  - name: g
                    rules:
                      - alert: Typo
                        expr: sum(rate(http_requests_total[5m]) by (job)
                """.formatted(prometheus.url()));
        try (ChildProcess jar = ChildProcess.startJar(Map.of(), "check-config", "--config", config.toString())) {
            assertThat(jar.awaitExit(EXIT)).as(jar.output()).isEqualTo(2);
            // Found by Watchdog's own PromQL parser before Prometheus is asked, as promtool finds it.
            assertThat(jar.stderrText()).contains(config + ":6: groups[0].rules[0].expr: rule Typo: could not parse"
                    + " expression: 1:35: unexpected <by> in aggregation");
        }
    }

    @Test
    void runningWithoutSlackTokensNamesTheMissingVariablesAndPointsAtTheManifest() throws Exception {
        try (ChildProcess jar = ChildProcess.startJar(Map.of("SLACK_APP_TOKEN", "xoxb-wrong-kind"))) {
            assertThat(jar.awaitExit(EXIT)).isEqualTo(2);
            assertThat(jar.stderrText()).contains(
                    "SLACK_BOT_TOKEN is not set (slack.bot-token needs the Bot User OAuth Token",
                    "slack.app-token does not start with xapp-",
                    "manifest.yml", "--dry-run");
            assertThat(jar.output()).doesNotContain("xoxb-wrong-kind");
        }
    }

    @Test
    void dryRunPrintsTheAlertItWouldPostWithoutAnySlackToken() throws Exception {
        Path config = dir.resolve("dry.yml");
        Files.writeString(config, """
                prometheus: {url: %s, poll-interval: 1s}
                slack: {channel: "#payments-alerts"}
                server: {port: 0}
                groups:
                  - name: queues
                    rules:
                      - alert: QueueBacklog
                        expr: queue_depth > 100
                        labels: {severity: warning}
                        annotations: {summary: "{{ $labels.queue }} has {{ $value }} waiting"}
                """.formatted(prometheus.url()));
        try (ChildProcess jar = ChildProcess.startJar(Map.of("WATCHDOG_DATA_DIR", dir.toString()),
                "--dry-run", "--json", "--config", config.toString())) {
            String line = jar.awaitStdoutLine(text -> text.contains("\"dry_run\":\"chat.postMessage\""),
                    Duration.ofSeconds(30));

            JsonNode call = new ObjectMapper().readTree(line);
            assertThat(call.path("channel").asText()).isEqualTo("#payments-alerts");
            assertThat(call.path("text").asText()).isEqualTo("[FIRING] QueueBacklog: orders has 250 waiting");
            assertThat(call.path("blocks").get(0).path("text").path("text").asText())
                    .isEqualTo(":large_orange_circle: *QueueBacklog*  ·  WARNING  ·  `#1`");
            assertThat(call.path("attachments").get(0).path("color").asText()).isEqualTo("#ECB22E");
        }
    }
}
