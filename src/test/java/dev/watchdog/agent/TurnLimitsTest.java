package dev.watchdog.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.watchdog.testing.ScriptedOpenAi.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnLimitsTest {

    static final String ANSWER_NOW = "Answer now with what you have and say what you could not check.";

    final AgentHarness harness = new AgentHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aModelThatKeepsCallingToolsIsStoppedAtMaxToolCallsAndMustAnswer() {
        harness.limits = AgentLimits.DEFAULTS.withMaxToolCalls(3);
        harness.instant("up", List.of(Map.of("job", "api")), 1);
        harness.model.thenToolCallsRepeatedly(4, call("query_prometheus", "{\"promql\": \"up\"}"))
                .thenAnswer("The api is up. I could not check the database: the tool limit was reached.");

        AnswerResult result = harness.investigator().answer(AgentHarness.THREAD, "Is everything up?", null, "U1");

        harness.prometheus.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/query")));
        assertThat(harness.model.lastToolResult(4)).contains("limit reached: all 3 tool calls of this turn are used")
                .contains(ANSWER_NOW);
        // After the refusal the model is offered no tools, so its next reply has to be the answer.
        assertThat(harness.model.requests().get(3).has("tools")).isTrue();
        assertThat(harness.model.requests().get(4).has("tools")).isFalse();
        assertThat(result.text()).contains("I could not check the database");
        assertThat(result.toolCalls()).hasSize(4);
        assertThat(result.toolCalls().get(3).failed()).isTrue();
        assertThat(result.limitsHit()).containsExactly(
                "max-tool-calls (3) reached; not run: query_prometheus {\"promql\": \"up\"}");
    }

    @Test
    void aToolThatTakesTooLongGivesTheModelAnErrorTextAndTheTurnGoesOn() {
        harness.limits = AgentLimits.DEFAULTS.withToolTimeout(Duration.ofMillis(300));
        harness.slowInstant("slow_metric", Duration.ofSeconds(2));
        harness.model.thenToolCalls(call("query_prometheus", "{\"promql\": \"slow_metric\"}"))
                .thenAnswer("Prometheus was too slow to tell.");

        AnswerResult result = harness.investigator().answer(AgentHarness.THREAD, "How is slow_metric?", null, "U1");

        assertThat(harness.model.lastToolResult(1))
                .contains("query_prometheus did not finish within 300ms for {\"promql\": \"slow_metric\"}")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.text()).isEqualTo("Prometheus was too slow to tell.");
        assertThat(result.toolCalls()).singleElement().extracting(ToolCallRecord::failed).isEqualTo(true);
        assertThat(result.limitsHit()).containsExactly(
                "tool-timeout (300ms); timed out: query_prometheus {\"promql\": \"slow_metric\"}");
    }

    @Test
    void toolsStopWhenMostOfTheDeadlineIsUsedAndTheModelIsToldToAnswer() {
        // The log search "takes" 70 s of the 90 s turn: the clock moves while it runs.
        harness.logs.onSearch = query -> harness.clock.advance(Duration.ofSeconds(70));
        harness.model.thenToolCalls(call("search_logs", "{\"query\": \"timeout\"}"))
                .thenToolCalls(call("query_prometheus", "{\"promql\": \"up\"}"))
                .thenAnswer("Logs show timeouts; I could not check the metrics in time.");

        AnswerResult result = harness.investigator().answer(AgentHarness.THREAD, "Why is it slow?", null, "U1");

        assertThat(harness.model.lastToolResult(2))
                .contains("limit reached: this turn has run for 1m10s of its 1m30s, so query_prometheus was not run.")
                .contains(ANSWER_NOW);
        harness.prometheus.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/query")));
        assertThat(result.text()).contains("could not check the metrics");
        assertThat(result.limitsHit()).containsExactly(
                "deadline (1m30s) reached; not run: query_prometheus {\"promql\": \"up\"}");
    }

    @Test
    void aTurnStillRunningAtTheDeadlineIsStoppedAndLeavesTheConversationAsItWas() {
        harness.limits = AgentLimits.DEFAULTS.withToolTimeout(Duration.ofMillis(200)).withDeadline(Duration.ofMillis(800));
        harness.model.thenSlowAnswer(Duration.ofSeconds(3), "too late");

        AnswerResult result = harness.investigator().answer(AgentHarness.THREAD, "Anything?", null, "U1");

        assertThat(result.text()).isNull();
        assertThat(result.failure())
                .isEqualTo("the model did not finish within the 800ms deadline; no answer this time");
        assertThat(result.limitsHit()).containsExactly("deadline (800ms) reached; the turn was stopped");
        assertThat(harness.conversations().conversation(AgentHarness.THREAD)).isEmpty();
    }

    @Test
    void anAnalysisStoppedAtTheDeadlineSaysTheAnalysisIsUnavailable() {
        harness.limits = AgentLimits.DEFAULTS.withToolTimeout(Duration.ofMillis(200)).withDeadline(Duration.ofMillis(800));
        harness.model.thenSlowAnswer(Duration.ofSeconds(3), AnalysisTurnTest.ANALYSIS_JSON);

        AnalysisResult result = harness.investigator().analyze(AgentHarness.alertContext(1, Map.of()),
                AgentHarness.THREAD);

        assertThat(result.analysis()).isNull();
        assertThat(result.failure())
                .isEqualTo("the model did not finish within the 800ms deadline; analysis unavailable");
    }
}
