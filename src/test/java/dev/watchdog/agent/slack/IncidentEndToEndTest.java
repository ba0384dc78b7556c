package dev.watchdog.agent.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.Await;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.ScriptedOpenAi;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One incident, three rules: an error alert fires, then two more rules fire for the same service.
 * Through the real Bolt client: one investigation (one model call, one analysis message) in the
 * first alert's thread, links to it in the other alerts' threads, and the analysis lists them all.
 */
class IncidentEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ERRORS = "checkout_error_ratio > 0.05";
    private static final String LATENCY = "checkout_p99_seconds > 2";
    private static final String RESTARTS = "checkout_restarts_15m > 3";
    private static final String PERMALINK = "https://acme.slack.com/archives/C0ALERTS/p1790000000000100";
    private static final String ANALYSIS = """
            {"whatIsHappening": "12% of checkout requests fail.",
             "likelyCause": "The payment client times out since the 2.4.1 deploy.",
             "evidence": [], "nextSteps": ["Roll back checkout to 2.4.0"],
             "severity": "high", "confidence": 0.7, "humanNeededNow": true}""";
    private static final Map<String, String> CHECKOUT = Map.of("service", "checkout", "namespace", "prod");

    @TempDir
    Path dir;

    @Test
    void threeRulesFiringForOneServiceGetOneInvestigationLinkedFromTheOtherThreads() throws Exception {
        try (FakePrometheus prometheus = new FakePrometheus(); SlackTestHarness slack = SlackTestHarness.start();
                ScriptedOpenAi model = new ScriptedOpenAi()) {
            prometheus.nothingFor(ERRORS);
            prometheus.nothingFor(LATENCY);
            prometheus.nothingFor(RESTARTS);
            slack.api().respondTo("chat.getPermalink", "{\"ok\": true, \"channel\": \"C0ALERTS\", \"permalink\": \""
                    + PERMALINK + "\"}");
            model.thenAnswer(ANALYSIS);
            try (RunningWatchdog watchdog = RunningWatchdog.start(slack, prometheus.url(), """
                    llm:
                      provider: openai
                      model: gpt-test
                      base-url: %s
                      api-key: sk-test-0123456789abcdef
                      incident: {window: 10m}
                    groups:
                      - name: checkout
                        rules:
                          - alert: HighErrorRate
                            expr: %s
                            labels: {severity: critical}
                          - alert: HighLatency
                            expr: %s
                            labels: {severity: warning}
                          - alert: PodRestarts
                            expr: %s
                            labels: {severity: warning}
                    """.formatted(model.baseUrl(), ERRORS, LATENCY, RESTARTS), "", dir, Clock.systemUTC())) {
                slack.socketMode().awaitConnected(TIMEOUT);

                prometheus.answer(ERRORS, CHECKOUT, 0.12);
                SlackCall errors = alertMessage(slack, "HighErrorRate");
                SlackCall placeholder = Await.value(TIMEOUT, () -> investigations(slack).stream().findFirst(),
                        () -> "the error alert was never investigated");
                prometheus.answer(LATENCY, CHECKOUT, 3.4);
                prometheus.answer(RESTARTS, CHECKOUT, 5);
                SlackCall latency = alertMessage(slack, "HighLatency");
                SlackCall restarts = alertMessage(slack, "PodRestarts");

                SlackCall latencyLink = reply(slack, latency, ":link:");
                SlackCall restartsLink = reply(slack, restarts, ":link:");
                SlackCall analysis = Await.value(TIMEOUT, () -> lastUpdateOf(slack, placeholder)
                        .filter(update -> update.blocks().toString().contains("PodRestarts")
                                && update.blocks().toString().contains("HighLatency")
                                && update.blocks().toString().contains("12% of checkout requests fail.")),
                        () -> "the analysis never listed the joined alerts: " + slack.api().calls("chat.update"));
                prometheus.awaitQueries(9, TIMEOUT); // three more polls: time for a second investigation, were there one

                assertThat(placeholder.threadTs()).isEqualTo(errors.postedTs());
                assertThat(investigations(slack)).as("one investigation for the incident").hasSize(1);
                assertThat(model.requestCount()).as("one model call sequence").isEqualTo(1);
                for (SlackCall link : List.of(latencyLink, restartsLink)) {
                    assertThat(link.text()).startsWith(":link: Part of the incident investigated in <" + PERMALINK
                            + "|the thread of #").contains(" HighErrorRate>: alerts with `service=\"checkout\",namespace=\"prod\"`"
                            + " that fire within 10m of each other get one investigation.");
                }
                String listed = analysis.blocks().toString();
                assertThat(listed).contains("3 alerts with", "*HighErrorRate* (first)", "*HighLatency* (fired ",
                        "*PodRestarts* (fired ", "The payment client times out since the 2.4.1 deploy.");
                assertThat(slack.api().calls("chat.getPermalink")).isNotEmpty()
                        .allSatisfy(call -> assertThat(call.param("message_ts")).isEqualTo(errors.postedTs()));
            }
        }
    }

    private static SlackCall alertMessage(SlackTestHarness slack, String rule) {
        return Await.value(TIMEOUT, () -> slack.api().calls("chat.postMessage").stream()
                .filter(call -> call.threadTs() == null && call.text().contains(rule)).findFirst(),
                () -> rule + " was never posted");
    }

    private static SlackCall reply(SlackTestHarness slack, SlackCall parent, String prefix) {
        return Await.value(TIMEOUT, () -> slack.api().calls("chat.postMessage").stream()
                .filter(call -> parent.postedTs().equals(call.threadTs()) && call.text().startsWith(prefix)).findFirst(),
                () -> "no reply starting " + prefix + " in the thread of " + parent.text());
    }

    private static List<SlackCall> investigations(SlackTestHarness slack) {
        return slack.api().calls("chat.postMessage").stream()
                .filter(call -> call.text().startsWith(":mag: Investigating")).toList();
    }

    private static java.util.Optional<SlackCall> lastUpdateOf(SlackTestHarness slack, SlackCall message) {
        List<SlackCall> updates = slack.api().calls("chat.update").stream()
                .filter(call -> message.postedTs().equals(call.param("ts"))).toList();
        return updates.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(updates.get(updates.size() - 1));
    }
}
