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
        Path deploys = deploymentsEndingWith150(now);
        Path logs = poolTimeoutsSince(now);
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

    /** 1.4.9 an hour ago, then 1.5.0 40 s before {@code now}. */
    private Path deploymentsEndingWith150(Instant now) throws Exception {
        Path deploys = dir.resolve("deploys.jsonl");
        Files.writeString(deploys, """
                {"service": "checkout", "version": "1.4.9", "time": "%s", "who": "ci-bot"}
                {"service": "checkout", "version": "1.5.0", "time": "%s", "who": "ci-bot"}
                """.formatted(now.minus(Duration.ofHours(1)), now.minusSeconds(40)));
        return deploys;
    }

    /** Quiet requests for 20 minutes, then connection-pool timeouts on /api/orders in the last 30 s. */
    private Path poolTimeoutsSince(Instant now) throws Exception {
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
        return logs;
    }

    /**
     * A deployment, then an error incident, then two more rules firing for the same service: one
     * investigation, in the first alert's thread, whose summary names the deployment as the likely
     * cause with its time relative to the onset; the other alerts' threads link to it.
     */
    @Test
    void anIncidentOfThreeRulesGetsOneSummaryNamingTheDeployment() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path deploys = deploymentsEndingWith150(now);
        Path logs = poolTimeoutsSince(now);
        String latency = "checkout_p99_seconds > 2";
        String restarts = "checkout_restarts_15m > 3";
        prometheus.nothingFor(latency);
        prometheus.nothingFor(restarts);
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
                      - alert: CheckoutLatency
                        expr: %s
                        labels: {severity: warning, service: checkout}
                      - alert: CheckoutRestarts
                        expr: %s
                        labels: {severity: warning, service: checkout}
                """.formatted(logs, deploys, ERRORS, latency, restarts), "", dir, Clock.systemUTC());
        slack.socketMode().awaitConnected(TIMEOUT);

        prometheus.answer(ERRORS, Map.of("service", "checkout"), 0.12);
        SlackCall errors = alertMessage("CheckoutErrors");
        SlackCall placeholder = Await.value(TIMEOUT, () -> investigations().stream().findFirst(),
                () -> "the error alert was never investigated");
        prometheus.answer(latency, Map.of("service", "checkout"), 3.4);
        prometheus.answer(restarts, Map.of("service", "checkout"), 5);
        for (SlackCall later : List.of(alertMessage("CheckoutLatency"), alertMessage("CheckoutRestarts"))) {
            Await.value(TIMEOUT, () -> slack.api().calls("chat.postMessage").stream()
                    .filter(call -> later.postedTs().equals(call.threadTs())
                            && call.text().startsWith(":link: Part of the incident investigated in")).findFirst(),
                    () -> "no link to the incident's investigation in the thread of " + later.text());
        }
        SlackCall summary = Await.value(TIMEOUT, () -> lastUpdateOf(placeholder)
                .filter(update -> update.blocks().toString().contains("CheckoutRestarts")
                        && update.blocks().toString().contains("CheckoutLatency")
                        && update.blocks().toString().contains("Likely cause")),
                () -> "the summary never listed the joined alerts: " + slack.api().calls("chat.update"));
        prometheus.awaitQueries(9, TIMEOUT); // three more polls: time for a second investigation, were there one

        assertThat(placeholder.threadTs()).isEqualTo(errors.postedTs());
        assertThat(investigations()).as("one investigation for the incident").hasSize(1);
        String cause = SlackBlocks.byId(summary.blocks(), "analysis-cause").path("text").path("text").asText();
        assertThat(cause).matches("\\*Likely cause:\\* checkout 1\\.5\\.0 deployed \\d+s before the onset .*");
    }

    private SlackCall alertMessage(String rule) {
        return Await.value(TIMEOUT, () -> slack.api().calls("chat.postMessage").stream()
                .filter(call -> call.threadTs() == null && call.text().contains(rule)).findFirst(),
                () -> rule + " was never posted");
    }

    private List<SlackCall> investigations() {
        return slack.api().calls("chat.postMessage").stream()
                .filter(call -> call.text().startsWith(":mag: Investigating")).toList();
    }

    private java.util.Optional<SlackCall> lastUpdateOf(SlackCall message) {
        List<SlackCall> updates = slack.api().calls("chat.update").stream()
                .filter(call -> message.postedTs().equals(call.param("ts"))).toList();
        return updates.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(updates.get(updates.size() - 1));
    }
}
