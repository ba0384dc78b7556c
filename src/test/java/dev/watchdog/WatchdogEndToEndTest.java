package dev.watchdog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.watchdog.testing.Ack;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.SlashCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole app in one JVM: the real Bolt Socket Mode client against the fake Socket Mode
 * server, WireMock as Slack's Web API and as Prometheus.
 */
class WatchdogEndToEndTest {

    private static final Duration TIMEOUT = SlackTestHarness.TIMEOUT;
    private static final String RULES = """
            groups:
              - name: api
                rules:
                  - alert: HighErrorRatio
                    expr: job:errors:ratio > 0.05
                    labels:
                      severity: critical
                    annotations:
                      summary: "{{ $labels.job }} fails {{ $value }} of requests"
            """;

    @TempDir
    Path dir;

    private final WireMockServer prometheus = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    private SlackTestHarness slack;
    private RunningWatchdog watchdog;

    @BeforeEach
    void start() {
        prometheus.start();
        slack = SlackTestHarness.start();
    }

    @AfterEach
    void stop() {
        if (watchdog != null) {
            watchdog.close();
        }
        slack.close();
        prometheus.stop();
    }

    private void prometheusAnswers(String vectorJson) {
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).withQueryParam("query", equalTo("job:errors:ratio > 0.05"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"status":"success","data":{"resultType":"vector","result":%s}}""".formatted(vectorJson))));
    }

    private void startWatchdog() throws Exception {
        watchdog = RunningWatchdog.start(slack, prometheus.baseUrl(), RULES, dir);
        slack.socketMode().awaitConnected(TIMEOUT);
    }

    @Test
    void firingRuleIsPostedToTheChannelWithItsBlocks() throws Exception {
        prometheusAnswers("""
                [{"metric":{"__name__":"job:errors:ratio","job":"checkout"},"value":[%d,"0.125"]}]"""
                .formatted(Instant.now().getEpochSecond()));
        startWatchdog();

        SlackCall post = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);

        assertThat(post.channel()).isEqualTo(FakeWorkspace.CHANNEL_ID);
        assertThat(post.token()).isEqualTo(FakeWorkspace.BOT_TOKEN);
        assertThat(post.text()).isEqualTo("[FIRING] HighErrorRatio: checkout fails 0.125 of requests");
        assertThat(post.blocks().get(0).path("text").path("text").asText())
                .matches(":red_circle: \\*HighErrorRatio\\*  ·  CRITICAL  ·  `#\\d+`");
        JsonNode details = post.attachments().get(0);
        assertThat(details.path("color").asText()).isEqualTo("#E01E5A");
        assertThat(SlackBlocks.byId(details, "alert-summary").path("text").path("text").asText())
                .isEqualTo("checkout fails 0.125 of requests");
        assertThat(SlackBlocks.byId(details, "alert-fields").path("fields").toString())
                .contains("*Value*\\n0.125  (threshold &gt; 0.05)", "*job*\\ncheckout");
        assertThat(SlackBlocks.actionIds(details)).containsExactly("alert_ack", "alert_snooze", "alert_investigate",
                "alert_graph", "memory_what_was_it");
    }

    @Test
    void resolvedAlertIsEditedInPlace() throws Exception {
        prometheusAnswers("""
                [{"metric":{"job":"checkout"},"value":[%d,"0.125"]}]""".formatted(Instant.now().getEpochSecond()));
        startWatchdog();
        SlackCall post = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);

        prometheusAnswers("[]");
        SlackCall update = slack.api().awaitCalls("chat.update", 1, TIMEOUT).get(0);

        assertThat(update.param("ts")).isEqualTo(post.postedTs());
        assertThat(update.channel()).isEqualTo(post.response().path("channel").asText());
        assertThat(update.text()).startsWith("[RESOLVED] HighErrorRatio");
        assertThat(SlackBlocks.byId(update.attachments().get(0), "alert-state").toString()).contains("Resolved after");
        SlackCall note = slack.api().awaitCalls("chat.postMessage", 2, TIMEOUT).get(1);
        assertThat(note.threadTs()).isEqualTo(post.postedTs());
        assertThat(note.text()).startsWith(":white_check_mark: Resolved after");
        assertThat(slack.api().calls("chat.postMessage")).hasSize(2);
    }

    @Test
    void statusCommandIsAnsweredInTheAck() throws Exception {
        prometheusAnswers("[]");
        startWatchdog();
        Await.until(TIMEOUT, () -> watchdog.watchdog().pollStatus().lastPoll().isPresent(), () -> "no poll happened");

        String envelope = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("status"));
        Ack ack = slack.socketMode().awaitAck(envelope, TIMEOUT);

        assertThat(ack.payload().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(ack.payload().path("text").asText()).contains("*Watchdog status*",
                "Prometheus (" + prometheus.baseUrl() + "): reachable", "Rules: 1", "Alerts: 0 firing, 0 pending");
    }

    @Test
    void unknownSubCommandGetsUsageAndHelpListsTheCommands() throws Exception {
        prometheusAnswers("[]");
        startWatchdog();

        Ack unknown = slack.socketMode().awaitAck(slack.socketMode().sendSlashCommand(SlashCommand.watchdog("reboot all")),
                TIMEOUT);
        Ack help = slack.socketMode().awaitAck(slack.socketMode().sendSlashCommand(SlashCommand.watchdog("help")),
                TIMEOUT);

        assertThat(unknown.payload().path("text").asText())
                .isEqualTo("Unknown sub-command `reboot`. Usage: `/watchdog help`, `/watchdog status`,"
                        + " `/watchdog alerts [label matchers] [page N]`, `/watchdog ack <id>`,"
                        + " `/watchdog unack <id>`,"
                        + " `/watchdog snooze <id> <duration>`, `/watchdog unsnooze <id>`, `/watchdog audit [n]`,"
                        + " `/watchdog reject <proposal id> [reason]`, `/watchdog history <#id or rule> [30d]`,"
                        + " `/watchdog handoff [12h]`, `/watchdog ask <question>`,"
                        + " `/watchdog report [service] [24h|7d|30d] [queries]`, `/watchdog noise [24h|7d|30d]`");
        assertThat(unknown.payload().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(help.payload().path("text").asText()).contains("`/watchdog status`: rules, firing alerts");
    }

    @Test
    void readyOnceSlackIsConnectedAndTheFirstPollRanAndMetricsAreExposed() throws Exception {
        prometheusAnswers("""
                [{"metric":{"job":"checkout"},"value":[%d,"0.125"]}]""".formatted(Instant.now().getEpochSecond()));
        startWatchdog();
        OkHttpClient http = new OkHttpClient();

        Await.until(TIMEOUT, () -> status(http, "/readyz") == 200, () -> "never ready");
        String sentToSlack = "watchdog_slack_requests_total{method=\"chat.postMessage\",outcome=\"ok\"} 1.0";
        Await.until(TIMEOUT, () -> body(http, "/metrics").contains(sentToSlack), () -> "no Slack request counted");

        assertThat(status(http, "/healthz")).isEqualTo(200);
        assertThat(body(http, "/metrics")).contains("watchdog_alerts_fired_total{rule=\"HighErrorRatio\"} 1.0",
                "watchdog_alerts_firing{source=\"rules\"} 1.0", "watchdog_alerts_firing{source=\"alertmanager\"} 0.0",
                "watchdog_rule_evaluations_total{outcome=\"ok\",rule=\"HighErrorRatio\"}");
    }

    @Test
    void alertsFromAnAlertmanagerWebhookArePostedOnceAndResolvedInPlace() throws Exception {
        prometheusAnswers("[]");
        startWatchdog();
        OkHttpClient http = new OkHttpClient();

        assertThat(postWebhook(http, "firing.json")).isEqualTo(200);
        List<SlackCall> posts = slack.api().awaitCalls("chat.postMessage", 2, TIMEOUT).stream()
                .filter(call -> call.threadTs() == null).toList();
        assertThat(postWebhook(http, "firing.json")).as("Alertmanager repeats itself").isEqualTo(200);
        assertThat(postWebhook(http, "resolved.json")).isEqualTo(200);
        SlackCall update = slack.api().awaitCalls("chat.update", 1, TIMEOUT).get(0);

        assertThat(posts).extracting(SlackCall::text).containsExactlyInAnyOrder(
                "[FIRING] HighErrorRate: Error rate above 5% on api-1:8080",
                "[FIRING] HighErrorRate: Error rate above 5% on api-2:8080");
        assertThat(SlackBlocks.byId(posts.get(0).attachments().get(0), "alert-fields").toString())
                .doesNotContain("*Value*");
        assertThat(update.text()).startsWith("[RESOLVED] HighErrorRate");
        assertThat(posts).extracting(SlackCall::postedTs).contains(update.param("ts"));
        assertThat(slack.api().calls("chat.postMessage").stream().filter(call -> call.threadTs() == null)).hasSize(2);
    }

    @Test
    void whenPrometheusGoesAwayNothingResolvesAndWatchdogSaysItIsBlindUntilItIsBack() throws Exception {
        prometheusAnswers("""
                [{"metric":{"job":"checkout"},"value":[%d,"0.125"]}]""".formatted(Instant.now().getEpochSecond()));
        startWatchdog();
        SlackCall firing = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);

        prometheus.stubFor(get(urlPathEqualTo("/api/v1/query")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
        SlackCall blind = slack.api().awaitCalls("chat.postMessage", 2, TIMEOUT).get(1);

        assertThat(blind.text()).startsWith("[FIRING] WatchdogPrometheusUnreachable: Watchdog cannot reach Prometheus at "
                + prometheus.baseUrl());
        assertThat(slack.api().calls("chat.update")).as("the firing alert did not resolve on missing data").isEmpty();
        String status = slack.socketMode().awaitAck(slack.socketMode().sendSlashCommand(SlashCommand.watchdog("status")),
                TIMEOUT).payload().path("text").asText();
        assertThat(status).contains("*unreachable*", "answered HTTP 503", "Alerts: 2 firing");

        prometheus.resetAll();
        prometheusAnswers("[]");
        List<SlackCall> updates = slack.api().awaitCalls("chat.update", 2, TIMEOUT);
        assertThat(updates).extracting(call -> call.param("ts"))
                .containsExactlyInAnyOrder(firing.postedTs(), blind.postedTs());
        assertThat(updates).extracting(SlackCall::text).allMatch(text -> text.startsWith("[RESOLVED]"));
    }

    private int postWebhook(OkHttpClient http, String fixture) throws java.io.IOException {
        byte[] body = java.nio.file.Files.readAllBytes(Path.of("src/test/resources/alertmanager", fixture));
        Request request = new Request.Builder().url(watchdog.opsUrl() + "/api/alertmanager")
                .post(okhttp3.RequestBody.create(body, okhttp3.MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            return response.code();
        }
    }

    private int status(OkHttpClient http, String path) {
        try (Response response = http.newCall(new Request.Builder().url(watchdog.opsUrl() + path).build()).execute()) {
            return response.code();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private String body(OkHttpClient http, String path) {
        try (Response response = http.newCall(new Request.Builder().url(watchdog.opsUrl() + path).build()).execute()) {
            return response.body().string();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
