package dev.watchdog.memory.slack;

import static dev.watchdog.testing.ScriptedOpenAi.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.memory.CauseCategory;
import dev.watchdog.memory.CauseForm;
import dev.watchdog.memory.RecordedCause;
import dev.watchdog.testing.Ack;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.BlockAction;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.JsonFixtures;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.ScriptedOpenAi;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.ViewSubmission;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incident memory through the real Bolt Socket Mode client: an alert resolves, a person records
 * what it was in the What was it? form (views.open, view_submission), the alert fires again a
 * day later, and the investigator, with or without a model, brings up the earlier cause and fix.
 */
class IncidentMemoryEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String ERRORS = "checkout_error_ratio > 0.05";
    private static final Map<String, String> LABELS = Map.of("service", "export", "team", "checkout");
    private static final String WHAT = "connection leak in the export job";
    private static final String FIX = "restart + PR #481";
    private static final String LINK = "https://github.com/acme/export/pull/481";
    private static final String ANALYSIS = """
            {"whatIsHappening": "12% of checkout requests fail.",
             "likelyCause": "The export job holds every database connection.",
             "evidence": [{"kind": "log", "source": "level=error", "finding": "PoolExhaustedException x 120"}],
             "nextSteps": ["Restart the export job"],
             "severity": "HIGH", "confidence": 0.7, "humanNeededNow": true}
            """;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
    private final ScriptedOpenAi model = new ScriptedOpenAi();
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
        model.close();
    }

    private void startWatchdog(String llm) throws Exception {
        watchdog = RunningWatchdog.start(slack, prometheus.url(), llm + """
                groups:
                  - name: shop
                    rules:
                      - alert: CheckoutErrors
                        expr: %s
                        labels: {severity: critical}
                        annotations: {summary: "checkout fails"}
                """.formatted(ERRORS), "", dir, clock);
        slack.socketMode().awaitConnected(TIMEOUT);
    }

    private List<SlackCall> alertPosts() {
        return slack.api().calls("chat.postMessage").stream().filter(call -> call.threadTs() == null).toList();
    }

    private SlackCall fire(int nth) {
        prometheus.answer(ERRORS, LABELS, 0.12);
        return Await.value(TIMEOUT, () -> alertPosts().stream().skip(nth - 1).findFirst(),
                () -> "alert post " + nth + " never came; posts: " + alertPosts());
    }

    private SlackCall updateOf(String ts, String blockId, String describe) {
        return Await.value(TIMEOUT, () -> slack.api().calls("chat.update").stream()
                .filter(call -> ts.equals(call.param("ts")))
                .filter(call -> (call.attachments().toString() + call.blocks()).contains("\"" + blockId + "\""))
                .reduce((first, second) -> second), () -> describe + "; updates: " + slack.api().calls("chat.update"));
    }

    private static String alertId(SlackCall post) {
        return SlackBlocks.byId(post.blocks(), "alert-title").path("text").path("text").asText()
                .replaceAll(".*`#([0-9]+)`.*", "$1");
    }

    private JsonNode openedView(int nth) {
        SlackCall open = slack.api().awaitCalls("views.open", nth, TIMEOUT).get(nth - 1);
        return JsonFixtures.parseText(open.param("view"));
    }

    private Ack submit(ViewSubmission submission) {
        return slack.socketMode().awaitAck(slack.socketMode().sendViewSubmission(submission), TIMEOUT);
    }

    private static ViewSubmission causeForm(String metadata) {
        return ViewSubmission.of(CauseModal.CALLBACK_ID, metadata, CauseModal.FIELD)
                .select(CauseForm.CATEGORY, "bug").text(CauseForm.WHAT, WHAT).text(CauseForm.FIX, FIX)
                .text(CauseForm.LINK, LINK);
    }

    /** Fires, resolves, and records the cause through the form; returns the first alert's id. */
    private long resolveAndRecordTheCause() {
        SlackCall alert = fire(1);
        long id = Long.parseLong(alertId(alert));
        prometheus.nothingFor(ERRORS);
        SlackCall resolved = Await.value(TIMEOUT, () -> slack.api().calls("chat.update").stream()
                .filter(call -> alert.postedTs().equals(call.param("ts")) && call.text().startsWith("[RESOLVED]"))
                .findFirst(), () -> "the alert never resolved in Slack");
        assertThat(SlackBlocks.actionIds(resolved.attachments().get(0))).contains(CauseBlocks.WHAT_WAS_IT);

        slack.socketMode().awaitAck(slack.socketMode().sendBlockActions(BlockAction.button(CauseBlocks.WHAT_WAS_IT,
                Long.toString(id)).onMessage(alert.channel(), alert.postedTs())), TIMEOUT);
        JsonNode view = openedView(1);
        assertThat(view.path("callback_id").asText()).isEqualTo(CauseModal.CALLBACK_ID);
        String metadata = view.path("private_metadata").asText();

        Ack invalid = submit(causeForm(metadata).text(CauseForm.WHAT, " ").text(CauseForm.LINK, "ftp://files/x"));
        assertThat(invalid.payload().path("response_action").asText()).isEqualTo("errors");
        assertThat(invalid.payload().path("errors").path(CauseForm.WHAT).asText()).startsWith("Say what it was");
        assertThat(invalid.payload().path("errors").path(CauseForm.LINK).asText())
                .isEqualTo("Only http:// and https:// links are allowed (e.g. a PR or postmortem URL).");
        assertThat(watchdog.watchdog().memory().store().cause(id)).isEmpty();

        Ack saved = submit(causeForm(metadata));
        assertThat(saved.payload().path("response_action").isMissingNode()).as(saved.toString()).isTrue();
        RecordedCause cause = watchdog.watchdog().memory().store().cause(id).orElseThrow();
        assertThat(cause.category()).isEqualTo(CauseCategory.BUG);
        assertThat(cause.recordedBy()).isEqualTo(FakeWorkspace.USER_ID);

        SlackCall shown = updateOf(alert.postedTs(), CauseBlocks.BLOCK_ID, "the resolved message never showed the cause");
        assertThat(SlackBlocks.byId(shown.attachments().get(0), CauseBlocks.BLOCK_ID).path("text").path("text").asText())
                .startsWith(":memo: *Cause* (Bug): " + WHAT + "  ·  *Fixed by:* " + FIX + "  ·  <" + LINK + "|link>"
                        + "  ·  recorded by <@" + FakeWorkspace.USER_ID + ">");

        forgedSubmissionsAreRefused(id, metadata);
        return id;
    }

    private void forgedSubmissionsAreRefused(long id, String metadata) {
        String tampered = metadata.replaceFirst("^" + id + "\\|", (id + 1) + "|");
        String otherAlert = new ModalMetadata(FakeWorkspace.BOT_TOKEN).sign(new ModalMetadata.Fields(99_999,
                FakeWorkspace.CHANNEL_ID, "1790000000.000100", FakeWorkspace.USER_ID, FakeWorkspace.TEAM_ID));
        List<ViewSubmission> forged = List.of(
                causeForm(tampered).text(CauseForm.WHAT, "tampered"),
                causeForm(metadata).by("U0MALLORY1", "mallory", FakeWorkspace.TEAM_ID).text(CauseForm.WHAT, "other user"),
                causeForm(metadata).by(FakeWorkspace.USER_ID, FakeWorkspace.USER_NAME, "T0ELSEWHERE")
                        .text(CauseForm.WHAT, "other workspace"),
                causeForm(otherAlert).text(CauseForm.WHAT, "unknown alert"),
                causeForm("not metadata at all").text(CauseForm.WHAT, "garbage"));
        for (ViewSubmission submission : forged) {
            Ack refused = submit(submission);
            assertThat(refused.payload().path("errors").path(CauseForm.CATEGORY).asText())
                    .as(submission.texts().get(CauseForm.WHAT)).startsWith("This form is out of date");
        }
        assertThat(watchdog.watchdog().memory().store().causeEdits(id)).hasSize(1);
        assertThat(watchdog.watchdog().memory().store().cause(id).orElseThrow().what()).isEqualTo(WHAT);
        assertThat(watchdog.watchdog().memory().store().cause(99_999)).isEmpty();
    }

    private SlackCall analysisIn(SlackCall alert) {
        SlackCall placeholder = Await.value(TIMEOUT, () -> slack.api().calls("chat.postMessage").stream()
                .filter(call -> alert.postedTs().equals(call.threadTs()) && call.text().startsWith(":mag:")).findFirst(),
                () -> "no reply in the thread of " + alert.postedTs());
        return updateOf(placeholder.postedTs(), "analysis-what", "the analysis never replaced its placeholder");
    }

    @Test
    void withoutAModelTheSummaryOfTheNextOccurrenceShowsTheRecordedCauseAndFix() throws Exception {
        startWatchdog("llm:\n  provider: none\n");
        resolveAndRecordTheCause();

        clock.advance(Duration.ofDays(1));
        SlackCall again = fire(2);
        SlackCall analysis = analysisIn(again);

        assertThat(SlackBlocks.byId(analysis.blocks(), "analysis-evidence").path("text").path("text").asText())
                .contains("Seen once in 30 days; last on 2026-11-22 (1 day ago): cause *" + WHAT + "*, fixed by *"
                        + FIX + "* (recorded by " + FakeWorkspace.USER_NAME + ")");
    }

    @Test
    void theModelGetsTheCauseFromPastIncidentsAndFeedbackOnItsDiagnosisIsCounted() throws Exception {
        model.thenAnswer(ANALYSIS)
                .thenToolCalls(call("past_incidents", "{\"rule\": \"CheckoutErrors\", \"labels\": \"service=export\"}"))
                .thenAnswer(ANALYSIS);
        startWatchdog("""
                llm:
                  provider: openai
                  model: gpt-test
                  base-url: %s
                  api-key: sk-test-0123456789abcdef
                """.formatted(model.baseUrl()));
        resolveAndRecordTheCause();
        SlackCall first = alertPosts().get(0);
        SlackCall diagnosis = analysisIn(first);
        rateTheDiagnosis(diagnosis);

        clock.advance(Duration.ofDays(1));
        analysisIn(fire(2));

        assertThat(model.requestCount()).isEqualTo(3);
        assertThat(model.messages(1).toString()).contains("Seen once in 30 days; last on 2026-11-22 (1 day ago)",
                WHAT, "untrusted");
        String toolResult = model.lastToolResult(2);
        assertThat(toolResult).contains("<tool-output tool=\"past_incidents\" untrusted=\"true\">",
                "CheckoutErrors fired once in the last 90 days", "cause *" + WHAT + "*, fixed by *" + FIX + "*",
                        "category bug", "link " + LINK);
    }

    private void rateTheDiagnosis(SlackCall diagnosis) {
        JsonNode feedback = SlackBlocks.byId(diagnosis.blocks(), FeedbackButtons.BLOCK_ID);
        String diagnosisId = feedback.path("elements").get(0).path("value").asText();
        assertThat(feedback.findValuesAsText("action_id")).containsExactly(FeedbackButtons.HELPFUL,
                FeedbackButtons.NOT_IT);

        String up = slack.socketMode().sendBlockActions(BlockAction.button(FeedbackButtons.HELPFUL, diagnosisId)
                .onMessage(diagnosis.channel(), diagnosis.param("ts")));
        assertThat(slack.api().awaitResponseUrlPosts(up, 1, TIMEOUT).get(0).path("text").asText())
                .startsWith(":thumbsup: Thanks");
        slack.socketMode().awaitAck(slack.socketMode().sendBlockActions(BlockAction.button(FeedbackButtons.NOT_IT,
                diagnosisId).by("U0ONCALL02", "oncall.bob").onMessage(diagnosis.channel(), diagnosis.param("ts"))),
                TIMEOUT);
        JsonNode view = openedView(2);
        assertThat(view.path("callback_id").asText()).isEqualTo(FeedbackRecording.CALLBACK_ID);
        Ack saved = submit(ViewSubmission.of(FeedbackRecording.CALLBACK_ID, view.path("private_metadata").asText(),
                CauseModal.FIELD).by("U0ONCALL02", "oncall.bob", FakeWorkspace.TEAM_ID)
                .text(FeedbackRecording.ACTUAL_CAUSE, "the export job leaked connections"));
        assertThat(saved.payload().path("response_action").isMissingNode()).as(saved.toString()).isTrue();

        String section = watchdog.watchdog().memory().hitRate()
                .render(clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(1)), null)
                .orElseThrow();
        assertThat(section).isEqualTo("*Investigator hit rate* (1 of 2 right, 50%)"
                + "\n_By model:_\n• openai/gpt-test: 1 of 2 right, 50%"
                + "\n_By rule:_\n• CheckoutErrors: 1 of 2 right, 50%");
    }
}
