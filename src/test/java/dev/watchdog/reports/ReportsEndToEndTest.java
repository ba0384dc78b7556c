package dev.watchdog.reports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.watchdog.testing.Ack;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.SlashCommand;
import java.nio.file.Path;
import java.time.Clock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports and graphs through the whole app: the real Bolt Socket Mode client, WireMock as Slack's Web API
 * (with the external upload flow) and as Prometheus.
 */
class ReportsEndToEndTest {

    private static final Duration TIMEOUT = SlackTestHarness.TIMEOUT;
    private static final String CONFIG = """
            slos:
              - service: shop
                objective: 99.9%
                window: 30d
                good: http_requests_total{job="shop",code!~"5.."}
                total: http_requests_total{job="shop"}
                latency:
                  histogram: http_request_duration_seconds_bucket{job="shop"}
                  threshold: 500ms
                  objective: 95%
            groups:
              - name: shop
                rules:
                  - alert: HighErrorRatio
                    expr: job:errors:ratio > 0.05
                    labels:
                      severity: critical
            """;
    /** The figures Prometheus answers for the shop's week, by query. */
    private static final Map<String, String> WEEK = Map.of(
            "sum(increase(http_requests_total{job=\"shop\"}[1w]))", "1008000",
            "sum(increase(http_requests_total{job=\"shop\"}[1w])) - sum(increase(http_requests_total{job=\"shop\",code!~\"5..\"}[1w]))", "504",
            "(sum(increase(http_requests_total{job=\"shop\"}[1w])) - sum(increase(http_requests_total{job=\"shop\",code!~\"5..\"}[1w]))) / sum(increase(http_requests_total{job=\"shop\"}[1w]))", "0.0005",
            "1 - ((sum(increase(http_requests_total{job=\"shop\"}[4w2d])) - sum(increase(http_requests_total{job=\"shop\",code!~\"5..\"}[4w2d]))) / sum(increase(http_requests_total{job=\"shop\"}[4w2d]))) / 0.001", "0.42",
            "((sum(increase(http_requests_total{job=\"shop\"}[1h])) - sum(increase(http_requests_total{job=\"shop\",code!~\"5..\"}[1h]))) / sum(increase(http_requests_total{job=\"shop\"}[1h]))) / 0.001", "0.75",
            "histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"shop\"}[1w])))", "0.12",
            "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"shop\"}[1w])))", "0.41",
            "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"shop\"}[1w])))", "0.98",
            "sum(increase(http_request_duration_seconds_bucket{job=\"shop\",le=~\"0\\\\.5\"}[1w])) / sum(increase(http_request_duration_seconds_bucket{job=\"shop\",le=~\"\\\\+Inf\"}[1w]))", "0.962");

    @TempDir
    Path dir;

    private final WireMockServer prometheus = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    private SlackTestHarness slack;
    private RunningWatchdog watchdog;
    private FakeSlackUploads uploads;

    @BeforeEach
    void start() {
        prometheus.start();
        slack = SlackTestHarness.start();
        uploads = FakeSlackUploads.on(slack.api());
        long now = Instant.now().getEpochSecond();
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).atPriority(10).willReturn(json(
                "{\"resultType\":\"vector\",\"result\":[]}")));
        WEEK.forEach((query, value) -> prometheus.stubFor(get(urlPathEqualTo("/api/v1/query"))
                .withQueryParam("query", equalTo(query)).atPriority(1).willReturn(json(
                        "{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[" + now + ",\"" + value
                                + "\"]}]}"))));
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/query_range")).willReturn(json(
                "{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"job\":\"checkout\"},\"values\":[[" + (now - 120)
                        + ",\"0.01\"],[" + (now - 60) + ",\"0.02\"],[" + now + ",\"0.125\"]]}]}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String data) {
        return aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"data\":" + data + "}");
    }

    @AfterEach
    void stop() {
        if (watchdog != null) {
            watchdog.close();
        }
        slack.close();
        prometheus.stop();
    }

    private void startWatchdog(String config) throws Exception {
        watchdog = RunningWatchdog.start(slack, prometheus.baseUrl(), config, "", dir, Clock.systemUTC());
        slack.socketMode().awaitConnected(TIMEOUT);
    }

    @Test
    void reportCommandAnswersInTheAckThenPostsTheReportWithItsChart() throws Exception {
        startWatchdog(CONFIG);

        String envelope = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("report shop 7d")
                .in(FakeWorkspace.CHANNEL_ID));
        Ack ack = slack.socketMode().awaitAck(envelope, TIMEOUT);

        assertThat(ack.payload().path("text").asText()).startsWith(":hourglass_flowing_sand: Working on it")
                .contains("shop", "7d");
        SlackCall report = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).stream()
                .filter(call -> call.text().startsWith(":bar_chart:")).findFirst().orElseThrow();
        assertThat(report.channel()).isEqualTo(FakeWorkspace.CHANNEL_ID);
        assertThat(report.text()).contains("*Report for shop*, last 7d",
                "*shop* :white_check_mark: objectives met",
                "• availability 99.95% (objective 99.9%) · 1,008,000 requests, 504 errors",
                "• error budget remaining (30d): 42% · burn rate now 0.75×",
                "• latency p50 120 ms · p95 410 ms · p99 980 ms · 96.2% under 500 ms (objective 95%)",
                "*Alerting*: no alerts fired.");
        SlackCall shared = slack.api().awaitCalls("files.completeUploadExternal", 1, TIMEOUT).get(0);
        assertThat(shared.param("channel_id")).isEqualTo(report.response().path("channel").asText());
        assertThat(shared.param("thread_ts")).isEqualTo(report.postedTs());
        assertThat(uploads.uploads()).hasSize(1).allSatisfy(upload -> assertThat(upload.getBody())
                .startsWith(0x89, 'P', 'N', 'G'));
    }

    @Test
    void queriesAreShownOnRequestAndAnUnknownServiceIsNamed() throws Exception {
        startWatchdog(CONFIG);

        Ack queries = slack.socketMode().awaitAck(slack.socketMode().sendSlashCommand(
                SlashCommand.watchdog("report shop 7d queries")), TIMEOUT);
        Ack unknown = slack.socketMode().awaitAck(slack.socketMode().sendSlashCommand(
                SlashCommand.watchdog("report cart")), TIMEOUT);

        assertThat(queries.payload().path("text").asText()).contains(WEEK.keySet().toArray(String[]::new));
        assertThat(unknown.payload().path("text").asText())
                .isEqualTo("No objectives for service `cart`; services with objectives: shop.");
    }

    @Test
    void anAlertsThreadReceivesItsGraphAfterTheAnalysisPlaceholder() throws Exception {
        checkoutErrorsAreHigh();
        startWatchdog(CONFIG + "llm:\n  analyze-alerts: true\n");

        SlackCall shared = slack.api().awaitCalls("files.completeUploadExternal", 1, TIMEOUT).get(0);
        List<SlackCall> calls = slack.api().allCalls();
        SlackCall alert = calls.stream().filter(call -> call.method().equals("chat.postMessage")
                && call.threadTs() == null).findFirst().orElseThrow();
        int placeholder = indexOf(calls, call -> call.method().equals("chat.postMessage")
                && call.text().startsWith(":mag: Investigating"));
        int graph = calls.indexOf(shared);

        assertThat(shared.param("thread_ts")).isEqualTo(alert.postedTs());
        assertThat(placeholder).as("the analysis placeholder is posted").isNotNegative();
        assertThat(graph).as("the graph follows the placeholder").isGreaterThan(placeholder);
        assertThat(prometheus.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/v1/query_range")).withQueryParam("query", equalTo("job:errors:ratio"))))
                .as("the graph draws the left side of the comparison").isNotEmpty();
    }

    @Test
    void aSlowPlaceholderStillComesBeforeTheGraph() throws Exception {
        checkoutErrorsAreHigh();
        Duration slow = Duration.ofSeconds(2);
        slack.api().answerLateWhenBodyContains("chat.postMessage", "Investigating", slow);
        startWatchdog(CONFIG + "llm:\n  analyze-alerts: true\n");

        slack.api().awaitCalls("files.completeUploadExternal", 1, TIMEOUT);
        List<ServeEvent> served = slack.api().wireMock().getAllServeEvents();
        Instant placeholderAsked = receivedAt(served, event -> event.getRequest().getUrl().endsWith("chat.postMessage")
                && event.getRequest().getBodyAsString().contains("Investigating"));
        Instant uploadAsked = receivedAt(served, event -> event.getRequest().getUrl()
                .endsWith("files.getUploadURLExternal"));

        assertThat(uploadAsked).as("the graph's upload starts once Slack has answered the slow placeholder")
                .isAfterOrEqualTo(placeholderAsked.plus(slow));
    }

    private void checkoutErrorsAreHigh() {
        long now = Instant.now().getEpochSecond();
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query",
                equalTo("job:errors:ratio > 0.05")).atPriority(1).willReturn(json(
                "{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"checkout\"},\"value\":[" + now
                        + ",\"0.125\"]}]}")));
    }

    private static Instant receivedAt(List<ServeEvent> served, java.util.function.Predicate<ServeEvent> wanted) {
        return served.stream().filter(wanted).map(event -> event.getRequest().getLoggedDate().toInstant())
                .findFirst().orElseThrow(() -> new AssertionError("no such Slack call among " + served.size()));
    }

    private static int indexOf(List<SlackCall> calls, java.util.function.Predicate<SlackCall> wanted) {
        for (int i = 0; i < calls.size(); i++) {
            if (wanted.test(calls.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
