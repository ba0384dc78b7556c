package dev.watchdog.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.ConfigLoader;
import dev.watchdog.Watchdog;
import dev.watchdog.promql.Exprs;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.VectorSelector;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.RealPrometheus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * A real Prometheus scrapes a running Watchdog (which polls that same Prometheus and fires an
 * alert), and every PromQL query of the shipped dashboard and rules runs without error, and every
 * series each of them selects has data: the names and labels in observability/ are the ones
 * Watchdog exposes, from the start.
 */
class SelfMonitoringIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDashboardAndRuleQueryRunsAndFindsWatchdogsSeries(@TempDir Path dir) throws Exception {
        int opsPort = freePort();
        try (RealPrometheus prometheus = RealPrometheus.builder()
                .scrapeJob("watchdog", "127.0.0.1:" + opsPort)
                .start();
                Watchdog watchdog = Watchdog.start(new ConfigLoader(Map.of()).load(config(dir, prometheus.url(), opsPort)),
                        true, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        Clock.systemUTC())) {
            // Scraped more than once, after the always-firing rule was posted (dry run: printed).
            Await.until(Duration.ofSeconds(60), () -> hasData(prometheus,
                    "watchdog_alert_post_latency_seconds_count{job=\"watchdog\"} > 0")
                    && hasData(prometheus, "count_over_time(up{job=\"watchdog\"}[1m]) >= 5"),
                    () -> "no alert was posted and scraped five times: " + prometheus.logTail());

            List<String> problems = new ArrayList<>();
            Set<String> queries = new LinkedHashSet<>(dashboardQueries());
            queries.addAll(ruleQueries());
            assertThat(queries).hasSizeGreaterThan(40);
            for (String query : queries) {
                try {
                    prometheus.query(query);
                } catch (AssertionError failure) {
                    problems.add("fails: " + query + " -> " + failure.getMessage());
                    continue;
                }
                Exprs.descendants(PromQL.parse(query))
                        .filter(VectorSelector.class::isInstance)
                        .map(PromQL::print)
                        .filter(selector -> !hasData(prometheus, selector))
                        .forEach(selector -> problems.add("no data for " + selector + " in " + query));
            }
            assertThat(problems).isEmpty();
        }
    }

    private static Path config(Path dir, String prometheusUrl, int opsPort) throws IOException {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, """
                slack:
                  bot-token: xoxb-1-2-test
                  app-token: xapp-1-test
                  channel: C0ALERTS
                prometheus:
                  url: %s
                  poll-interval: 1s
                store:
                  path: %s
                server:
                  port: %d
                llm:
                  provider: openai
                  api-key: sk-test
                  base-url: http://127.0.0.1:1/v1
                  analyze-alerts: false
                groups:
                  - name: always
                    rules:
                      - alert: AlwaysFiring
                        expr: vector(1)
                        labels: {severity: warning}
                """.formatted(prometheusUrl, dir.resolve("watchdog.db"), opsPort));
        return file;
    }

    /** Grafana's variables as a person would pick them: job watchdog, a one-minute rate window. */
    static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = JSON.readTree(Path.of("observability", "grafana-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText()
                        .replace("$job", "watchdog")
                        .replace("$__rate_interval", "1m"));
            }
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    static List<String> ruleQueries() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(Path.of("observability", "watchdog-rules.yml")));
        List<String> queries = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                queries.add(String.valueOf(rule.get("expr")).strip());
            }
        }
        return queries;
    }

    private static boolean hasData(RealPrometheus prometheus, String query) {
        return !prometheus.query(query).path("result").isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
