package dev.watchdog.agent.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.Await;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a model, through the real Bolt client: a deployment lands in the CI file, errors start in
 * the logs, the rule fires; the thread's summary and the alert message name the deployment as the
 * likely cause, with its time relative to the onset, and nothing written for a model reaches Slack.
 */
class NoModelSummaryEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String ERRORS = "checkout_error_ratio > 0.05";

    @TempDir
    Path dir;

    private FakePrometheus prometheus;
    private SlackTestHarness slack;
    private RunningWatchdog watchdog;

    @BeforeEach
    void start() {
        prometheus = new FakePrometheus();
        prometheus.nothingFor(ERRORS);
        slack = SlackTestHarness.start();
    }

    @AfterEach
    void stop() {
        if (watchdog != null) {
            watchdog.close();
        }
        slack.close();
        prometheus.close();
    }

    @Test
    void theSummaryNamesTheDeploymentJustBeforeTheOnsetAsTheLikelyCause() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path deploys = dir.resolve("deploys.jsonl");
        Files.writeString(deploys, """
                {"service": "checkout", "version": "1.4.9", "time": "%s", "who": "ci-bot"}
                {"service": "checkout", "version": "1.5.0", "time": "%s", "who": "ci-bot"}
                """.formatted(now.minus(Duration.ofHours(1)), now.minusSeconds(40)));
        Path logs = dir.resolve("checkout.log");
        List<String> lines = new ArrayList<>();
        for (int minute = 25; minute > 3; minute--) {
            lines.add(now.minus(Duration.ofMinutes(minute)) + " INFO c.e.Api - GET /api/orders status=200 ms=31");
        }
        for (int second = 30; second > 0; second -= 5) {
            lines.add(now.minusSeconds(second) + " ERROR c.e.Api - request failed endpoint=/api/orders status=500 "
                    + "error=\"ConnectionPoolTimeoutException: Timeout waiting for connection from pool\"");
        }
        Files.write(logs, lines);
        watchdog = RunningWatchdog.start(slack, prometheus.url(), """
                llm:
                  provider: none
                logs:
                  sources:
                    - {name: app, type: file, paths: ["%s"]}
                deployments:
                  sources:
                    - {name: ci-events, type: file, path: "%s"}
                groups:
                  - name: shop
                    rules:
                      - alert: CheckoutErrors
                        expr: %s
                        labels: {severity: critical, service: checkout}
                        annotations: {summary: "checkout 5xx above 5%%"}
                """.formatted(logs, deploys, ERRORS), "", dir, Clock.systemUTC());
        slack.socketMode().awaitConnected(TIMEOUT);

        prometheus.answer(ERRORS, Map.of("service", "checkout"), 0.12);
        SlackCall alert = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);
        SlackCall placeholder = Await.value(TIMEOUT, () -> slack.api().calls("chat.postMessage").stream()
                .filter(call -> alert.postedTs().equals(call.threadTs())).findFirst(), () -> "no reply in the thread");
        SlackCall summary = Await.value(TIMEOUT, () -> slack.api().calls("chat.update").stream()
                .filter(call -> placeholder.postedTs().equals(call.param("ts"))).findFirst(),
                () -> "the placeholder was never replaced by the summary");

        String cause = SlackBlocks.byId(summary.blocks(), "analysis-cause").path("text").path("text").asText();
        assertThat(cause).matches("\\*Likely cause:\\* checkout 1\\.5\\.0 deployed \\d+s before the onset \\(.*Z\\); "
                + "new ConnectionPoolTimeoutException on /api/orders \\(\\d+ since .*Z\\)");
        String everything = summary.blocks().toString();
        assertThat(everything).contains("checkout 1.4.9 deployed").doesNotContain("Confidence", "Lines starting with",
                "untrusted");
        // Times to the second: no epoch nanoseconds, no fractions.
        assertThat(everything).doesNotContainPattern("\\d{16,}").doesNotContainPattern(":\\d\\d\\.\\d+Z");
        SlackCall withCause = Await.value(TIMEOUT, () -> slack.api().calls("chat.update").stream()
                .filter(call -> alert.postedTs().equals(call.param("ts"))).findFirst(),
                () -> "the alert message never showed the likely cause");
        assertThat(SlackBlocks.byId(withCause.attachments().get(0), "alert-cause").path("text").path("text").asText())
                .startsWith("*Likely cause:* checkout 1.5.0 deployed ");
    }
}
