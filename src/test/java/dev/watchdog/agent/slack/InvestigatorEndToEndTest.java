package dev.watchdog.agent.slack;

import static dev.watchdog.testing.ScriptedOpenAi.call;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The investigator through Slack: a scripted OpenAI-protocol model (WireMock), the real Bolt
 * Socket Mode client, the fake Slack Web API. The alert is posted first; the analysis follows
 * in its thread; questions in the thread get answers in place of a placeholder.
 */
class InvestigatorEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String ERRORS = "checkout_error_ratio > 0.05";
    private static final String ANALYSIS = """
            {"whatIsHappening": "12% of checkout requests fail.",
             "likelyCause": "The payment client times out since the 2.4.1 deploy.",
             "evidence": [{"kind": "promql", "source": "checkout_error_ratio", "finding": "0.12, up from 0.001"}],
             "nextSteps": ["Roll back checkout to 2.4.0"],
             "severity": "HIGH", "confidence": 0.7, "humanNeededNow": true}
            """;

    @TempDir
    Path dir;

    private final ScriptedOpenAi model = new ScriptedOpenAi();
    private FakePrometheus prometheus;
    private SlackTestHarness slack;
    private RunningWatchdog watchdog;

    @BeforeEach
    void start() {
        prometheus = new FakePrometheus();
        prometheus.nothingFor(ERRORS);
        prometheus.answer("checkout_error_ratio", Map.of("__name__", "checkout_error_ratio", "team", "checkout"), 0.12);
        slack = SlackTestHarness.start();
    }

    @AfterEach
    void stop() {
        if (watchdog != null) {
            watchdog.close();
        }
        slack.close();
        prometheus.close();
        model.close();
    }

    private void startWatchdog() throws Exception {
        watchdog = RunningWatchdog.start(slack, prometheus.url(), """
                llm:
                  provider: openai
                  model: gpt-test
                  base-url: %s
                  api-key: sk-test-0123456789abcdef
                groups:
                  - name: shop
                    rules:
                      - alert: CheckoutErrors
                        expr: %s
                        labels: {severity: critical}
                        annotations: {summary: "checkout fails {{ $value }} of requests"}
                """.formatted(model.baseUrl(), ERRORS), "", dir, Clock.systemUTC());
        slack.socketMode().awaitConnected(TIMEOUT);
    }

    private SlackCall fire() {
        prometheus.answer(ERRORS, Map.of("team", "checkout"), 0.12);
        return slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);
    }

    private List<SlackCall> threadReplies(SlackCall parent) {
        return slack.api().calls("chat.postMessage").stream()
                .filter(call -> parent.postedTs().equals(call.threadTs())).toList();
    }

    private SlackCall replacement(SlackCall placeholder) {
        return Await.value(TIMEOUT, () -> slack.api().calls("chat.update").stream()
                .filter(call -> placeholder.postedTs().equals(call.param("ts"))).findFirst(),
                () -> "the placeholder was never replaced; updates: " + slack.api().calls("chat.update"));
    }

    private SlackCall nthReply(SlackCall parent, int n) {
        return Await.value(TIMEOUT, () -> threadReplies(parent).stream().skip(n - 1).findFirst(),
                () -> "expected " + n + " replies in the thread, got " + threadReplies(parent));
    }

    @Test
    void aFiringAlertIsPostedThenAnalysedInItsThreadAndTheMessageGetsTheLikelyCause() throws Exception {
        model.thenToolCalls(call("query_prometheus", "{\"promql\": \"checkout_error_ratio\"}")).thenAnswer(ANALYSIS);
        startWatchdog();

        SlackCall alert = fire();
        SlackCall placeholder = nthReply(alert, 1);
        SlackCall analysis = replacement(placeholder);

        assertThat(alert.text()).startsWith("[FIRING] CheckoutErrors");
        assertThat(placeholder.text()).startsWith(":mag: Investigating *CheckoutErrors*");
        String blocks = analysis.blocks().toString();
        assertThat(blocks).contains("12% of checkout requests fail.", "The payment client times out since the 2.4.1 deploy.",
                "`checkout_error_ratio`", "Roll back checkout to 2.4.0", "HIGH");
        assertThat(model.everythingSent()).contains("query_prometheus", "checkout_error_ratio");
        assertThat(model.lastToolResult(1)).contains("0.12").doesNotContain("\"resultType\"");
        SlackCall withCause = Await.value(TIMEOUT, () -> slack.api().calls("chat.update").stream()
                .filter(call -> alert.postedTs().equals(call.param("ts"))).findFirst(),
                () -> "the alert message never showed the likely cause");
        assertThat(SlackBlocks.byId(withCause.attachments().get(0), "alert-cause").path("text").path("text").asText())
                .isEqualTo("*Likely cause:* The payment client times out since the 2.4.1 deploy.");
    }

    @Test
    void aQuestionInTheAlertsThreadIsAnsweredInPlaceOfAPlaceholderAndBotsAndEditsAreIgnored() throws Exception {
        model.thenAnswer(ANALYSIS).thenAnswer("It started with the 2.4.1 deploy; roll back to 2.4.0.");
        startWatchdog();
        SlackCall alert = fire();
        replacement(nthReply(alert, 1));
        int requests = model.requestCount();

        slack.socketMode().sendEvent(SlackEvent.threadReply(alert.channel(), alert.postedTs(), "U0BOTOTHER",
                "automated note").withBotId("B0OTHER"));
        slack.socketMode().sendEvent(SlackEvent.threadReply(alert.channel(), alert.postedTs(), FakeWorkspace.USER_ID,
                "edited text").withSubtype("message_changed"));
        slack.socketMode().sendEvent(SlackEvent.threadReply(alert.channel(), alert.postedTs(), FakeWorkspace.USER_ID,
                "What changed before this started?"));
        SlackCall placeholder = nthReply(alert, 2);
        SlackCall answer = replacement(placeholder);

        assertThat(placeholder.text()).isEqualTo(":hourglass_flowing_sand: Looking into it…");
        assertThat(answer.blocks().toString()).contains("It started with the 2.4.1 deploy; roll back to 2.4.0.");
        assertThat(model.requestCount()).as("one question reached the model").isEqualTo(requests + 1);
        assertThat(model.everythingSent()).contains("What changed before this started?")
                .doesNotContain("automated note", "edited text");
    }

    @Test
    void twoQuestionsInOneThreadAreAnsweredOneAfterTheOther() throws Exception {
        model.thenAnswer(ANALYSIS)
                .thenSlowAnswer(Duration.ofMillis(800), "First: the error ratio is 0.12.")
                .thenAnswer("Second: yes, it is still rising.");
        startWatchdog();
        SlackCall alert = fire();
        replacement(nthReply(alert, 1));

        slack.socketMode().sendEvent(SlackEvent.threadReply(alert.channel(), alert.postedTs(), FakeWorkspace.USER_ID,
                "How bad is it?"));
        slack.socketMode().sendEvent(SlackEvent.threadReply(alert.channel(), alert.postedTs(), "U0SECOND01",
                "Is it still rising?"));
        SlackCall second = replacement(nthReply(alert, 3));
        SlackCall first = replacement(nthReply(alert, 2));

        assertThat(first.blocks().toString()).contains("First: the error ratio is 0.12.");
        assertThat(second.blocks().toString()).contains("Second: yes, it is still rising.");
        // The second question reached the model only after the first was answered: its request carries that answer.
        String lastRequest = model.requests().get(model.requestCount() - 1).toString();
        assertThat(lastRequest).contains("Is it still rising?", "First: the error ratio is 0.12.");
    }

    @Test
    void slashAskStartsAThreadWithTheQuestionAndAnswersInIt() throws Exception {
        model.thenAnswer("Nothing is firing; checkout looks healthy.");
        startWatchdog();

        String envelope = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("ask is checkout healthy?"));
        assertThat(slack.socketMode().awaitAck(envelope, TIMEOUT).payload().path("text").asText())
                .isEqualTo("Asked in this channel; the answer comes in the thread.");
        SlackCall question = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);
        SlackCall answer = replacement(nthReply(question, 1));

        assertThat(question.text()).isEqualTo("<@" + FakeWorkspace.USER_ID + "> asked: is checkout healthy?");
        assertThat(answer.blocks().toString()).contains("Nothing is firing; checkout looks healthy.");
    }

    @Test
    void whenTheModelIsDownTheAlertIsStillPostedAndTheThreadSaysWhy() throws Exception {
        model.thenStatus(500, "upstream exploded").thenStatus(500, "upstream exploded").thenStatus(500,
                "upstream exploded");
        startWatchdog();

        SlackCall alert = fire();
        SlackCall analysis = replacement(nthReply(alert, 1));

        assertThat(alert.text()).startsWith("[FIRING] CheckoutErrors");
        assertThat(analysis.text()).startsWith("Analysis unavailable: ");
        assertThat(analysis.text()).contains("500");
    }
}
