package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.testing.MetricsEndpoint;
import dev.watchdog.testing.RealPrometheus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-config against a real Prometheus: the starter pack's {@code code} label against an app that says {@code status}. */
class SelectorCheckIT {

    private static MetricsEndpoint metrics;
    private static RealPrometheus prometheus;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPrometheus() {
        metrics = new MetricsEndpoint();
        metrics.set("http_requests_total", Map.of("status", "200", "method", "GET"), 120);
        metrics.set("http_requests_total", Map.of("status", "500", "method", "GET"), 3);
        prometheus = RealPrometheus.builder().scrape(metrics).start();
        prometheus.awaitScrapes(1);
    }

    @AfterAll
    static void stopPrometheus() {
        prometheus.close();
        metrics.close();
    }

    @Test
    void aSelectorOnALabelTheAppDoesNotHaveIsAWarningNamingTheLabelsItHas() throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, """
                groups:
                  - name: app
                    rules:
                      - alert: HighErrorRatio
                        expr: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05
                      - alert: ServerErrors
                        expr: sum(rate(http_requests_total{status=~"5.."}[5m])) > 0
                """);
        WatchdogConfig config = new ConfigLoader(Map.of("PROMETHEUS_URL", prometheus.url())).load(file);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<String> problems = new ConfigCheck(PrometheusClient.from(config.prometheus()), Clock.systemUTC())
                .run(config, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(problems).as("a warning, not a problem: check-config still exits 0").isEmpty();
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("accepted 2 of 2 rule expression(s)",
                "watchdog.yml:4: HighErrorRatio: selector http_requests_total{code=~\"5..\"} matches no"
                        + " series in the last 1h: http_requests_total has no label code; its labels are instance, job,"
                        + " method, status");
        assertThat(out).doesNotContain("ServerErrors: selector");
    }
}
