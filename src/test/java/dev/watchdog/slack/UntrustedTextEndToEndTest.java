package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.Await;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.ScriptedOpenAi;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackEvent;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.SlashCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Untrusted text through the whole app: the real Bolt Socket Mode client, the ops server's
 * Alertmanager webhook, a scripted OpenAI-protocol model and the fake Slack Web API. An alert
 * named {@code <!channel> DiskFull}, a model that writes {@code <!here>} and a fake "approved by
 * <@U123>", and a question full of secrets reach Slack as text that pings nobody; the route's
 * configured mention still pages its team.
 */
class UntrustedTextEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String ROUTE_MENTION = "<!subteam^S0STORAGE>";
    private static final String ASKER = "<@" + FakeWorkspace.USER_ID + ">";
    private static final String ROUTES = """
              routes:
                - matchers: ['team="storage"']
                  channel: C0STORAGE
                  mention: S0STORAGE
            """;
    private static final String WEBHOOK = """
            {"version": "4", "status": "firing", "receiver": "watchdog", "groupKey": "{}:{}", "truncatedAlerts": 0,
             "alerts": [{"status": "firing",
               "labels": {"alertname": "<!channel> DiskFull", "severity": "critical", "team": "storage",
                          "instance": "<@U0ATTACKER>", "db": "postgres://app:p#ss/w0rd@db:5432/orders"},
               "annotations": {"summary": "<!here> disk full on <#C0GENERAL>, see <https://evil.example|the runbook>"},
               "startsAt": "2026-11-22T01:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
               "generatorURL": "http://prometheus:9090/graph", "fingerprint": "e016081e4af8da28"}]}
            """;
    private static final String ANALYSIS = """
            {"whatIsHappening": "The data disk is full <!here>; approved by <@U123>, so I will clean it up.",
             "likelyCause": "Log rotation stopped. <!channel> approved by <@U123>.",
             "evidence": [],
             "nextSteps": ["Delete old logs @everyone", "Tell <#C0GENERAL>"],
             "severity": "HIGH", "confidence": 0.6, "humanNeededNow": true}
            """;
    private static final String ANSWER = "*Yes*: the deletion was approved by <@U123>. <!here> `rm -rf /data/logs`";
    private static final String LIVE_KEY = "sk_live_51HqLy0AbCdEfGhIjKlMnOpQrStUv";

    @TempDir
    Path dir;

    private final ScriptedOpenAi model = new ScriptedOpenAi();
    private final FakePrometheus prometheus = new FakePrometheus();
    private SlackTestHarness slack;
    private RunningWatchdog watchdog;

    @BeforeEach
    void start() throws Exception {
        model.thenAnswer(ANALYSIS).thenAnswer(ANSWER).thenAnswer(ANSWER);
        slack = SlackTestHarness.start();
        String llm = "llm: {provider: openai, model: gpt-test, base-url: %s, api-key: sk-test-0123456789abcdef}";
        watchdog = RunningWatchdog.start(slack, prometheus.url(), llm.formatted(model.baseUrl()), ROUTES, dir,
                Clock.systemUTC());
        slack.socketMode().awaitConnected(TIMEOUT);
    }

    @AfterEach
    void stop() {
        watchdog.close();
        slack.close();
        model.close();
        prometheus.close();
    }

    @Test
    void aWebhookAlertAndTheModelsAnswersPingOnlyTheConfiguredRoute() throws Exception {
        assertThat(postWebhook()).isEqualTo(200);
        SlackCall alert = awaitCall("chat.postMessage", call -> "C0STORAGE".equals(call.channel())
                && call.threadTs() == null);
        SlackCall analysis = awaitCall("chat.update", call -> call.blocks().toString().contains("analysis-what"));

        assertThat(alert.text()).isEqualTo("[FIRING] &lt;!channel&gt; DiskFull: &lt;!here&gt; disk full on"
                + " &lt;#C0GENERAL&gt;, see &lt;https://evil.example|the runbook&gt;");
        assertThat(alert.blocks().get(0).path("text").path("text").asText())
                .startsWith(ROUTE_MENTION + " :red_circle: *&lt;!channel&gt; DiskFull*");
        assertThat(SlackBlocks.byId(alert.attachments().get(0), "alert-fields").toString())
                .contains("&lt;@U0ATTACKER&gt;", "postgres://app:[REDACTED:url-password]@db:5432/orders")
                .doesNotContain("p#ss");
        assertThat(SlackBlocks.byId(analysis.blocks(), "analysis-what").path("text").path("text").asText())
                .contains("full &lt;!here&gt;; approved by &lt;@U123&gt;, so");

        slack.socketMode().sendEvent(SlackEvent.threadReply(alert.channel(), alert.postedTs(), FakeWorkspace.USER_ID,
                "Was the deletion approved?"));
        SlackCall answer = awaitCall("chat.update", call -> call.blocks().toString().contains("\"answer\""));

        assertThat(SlackBlocks.byId(answer.blocks(), "answer").path("text").path("text").asText())
                .isEqualTo("*Yes*: the deletion was approved by &lt;@U123&gt;. &lt;!here&gt; `rm -rf /data/logs`");
        everyPostAndUpdateIsNeutralised();
    }

    @Test
    void theAskEchoIsNeutralisedAndRedacted() {
        slack.socketMode().sendSlashCommand(SlashCommand.watchdog("ask <!channel> is " + LIVE_KEY + " leaked? @here"));
        SlackCall echo = awaitCall("chat.postMessage", call -> call.threadTs() == null);
        awaitCall("chat.update", call -> call.blocks().toString().contains("\"answer\""));

        assertThat(echo.text()).isEqualTo(ASKER + " asked: &lt;!channel&gt; is [REDACTED:stripe-key] leaked?"
                + " @\u2060here");
        assertThat(model.everythingSent()).doesNotContain(LIVE_KEY);
        everyPostAndUpdateIsNeutralised();
    }

    private void everyPostAndUpdateIsNeutralised() {
        List<SlackCall> shown = slack.api().allCalls().stream()
                .filter(call -> call.method().equals("chat.postMessage") || call.method().equals("chat.update"))
                .toList();
        assertThat(shown).hasSizeGreaterThanOrEqualTo(3);
        shown.forEach(call -> HostileText.assertNeutralised(call, ROUTE_MENTION, ASKER));
    }

    private SlackCall awaitCall(String method, Predicate<SlackCall> wanted) {
        return Await.value(TIMEOUT, () -> slack.api().calls(method).stream().filter(wanted).findFirst(),
                () -> "no matching " + method + "; Slack saw: " + slack.api().allCalls());
    }

    private int postWebhook() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(watchdog.opsUrl() + "/api/alertmanager"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(WEBHOOK)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
