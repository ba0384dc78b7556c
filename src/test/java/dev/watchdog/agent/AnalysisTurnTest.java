package dev.watchdog.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.watchdog.testing.ScriptedOpenAi.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.alerting.notify.Thresholds;
import dev.watchdog.deploys.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnalysisTurnTest {

    static final String ERRORS = "sum by (instance) (rate(http_requests_total{status=\"500\"}[5m]))";
    static final String ANALYSIS_JSON = """
            {"whatIsHappening": "5% of checkout requests fail since 01:55.",
             "likelyCause": "The 2.4.1 deployment at 01:50 broke the payment client.",
             "evidence": [
               {"kind": "promql", "source": "ERRORS_QUERY", "finding": "errors rose from 0.1/s to 4/s"},
               {"kind": "log", "source": "PaymentTimeoutException: upstream timed out", "finding": "412 times in 30m"},
               {"kind": "deployment", "source": "checkout 2.4.1 at 01:50", "finding": "5 minutes before the errors"}],
             "nextSteps": ["Roll back checkout to 2.4.0", "Watch the error rate"],
             "severity": "high", "confidence": 0.8, "humanNeededNow": true}
            """.replace("ERRORS_QUERY", ERRORS.replace("\"", "\\\""));

    final AgentHarness harness = new AgentHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void runsTheToolsTheModelAsksForOverSeveralRoundsThenParsesTheStructuredAnalysis() {
        harness.range(ERRORS, 3, 720);
        // The analysis quotes a line of this result: quoted evidence must be in what the tools returned.
        harness.logs.answer = "412 error lines; top error: PaymentTimeoutException (412)\n"
                + "sample: PaymentTimeoutException: upstream timed out after 5000ms";
        harness.deployments.add(new Deployment("checkout", "2.4.1", "prod", AgentHarness.T0.minusSeconds(600), "ci",
                "abc123", "", "success", "ci-file"));
        harness.model
                .thenToolCalls(call("query_prometheus", "{\"promql\": \"" + ERRORS.replace("\"", "\\\"")
                        + "\", \"range\": \"1h\"}"))
                .thenToolCalls(call("search_logs", "{\"query\": \"Exception\", \"minutes\": 30, \"level\": \"error\"}"),
                        call("recent_deployments", "{\"service\": \"checkout\", \"hours\": 2}"))
                .thenAnswer(ANALYSIS_JSON);

        AnalysisResult result = harness.investigator().analyze(
                AgentHarness.alertContext(7, Map.of("summary", "checkout errors above 5%")), AgentHarness.THREAD);

        assertThat(result.failure()).isNull();
        assertThat(result.toolCalls()).extracting(ToolCallRecord::tool)
                .containsExactly("query_prometheus", "search_logs", "recent_deployments");
        assertThat(result.toolCalls()).noneMatch(ToolCallRecord::failed);
        assertThat(result.toolCalls().get(1).arguments()).contains("\"minutes\": 30");
        // What actually ran, seen from the other side of each tool.
        harness.prometheus.verify(getRequestedFor(urlPathEqualTo("/api/v1/query_range"))
                .withQueryParam("query", equalTo(ERRORS)));
        assertThat(harness.logs.searches()).containsExactly("Exception|30m|error");
        assertThat(harness.model.requestCount()).isEqualTo(3);
        assertThat(harness.model.toolMessages(1)).hasSize(1);
        assertThat(harness.model.lastToolResult(1)).startsWith("<tool-output tool=\"query_prometheus\" untrusted=\"true\">")
                .contains("Range of 1h").contains("3 series");
        assertThat(harness.model.toolMessages(2)).hasSize(3);
        assertThat(harness.model.toolMessages(2).get(2).path("content").asText())
                .contains("service \"checkout\"").contains("version \"2.4.1\"");

        Analysis analysis = result.analysis();
        assertThat(analysis.whatIsHappening()).isEqualTo("5% of checkout requests fail since 01:55.");
        assertThat(analysis.severity()).isEqualTo(Analysis.Severity.HIGH);
        assertThat(analysis.confidence()).isEqualTo(0.8);
        assertThat(analysis.humanNeededNow()).isTrue();
        assertThat(analysis.nextSteps()).containsExactly("Roll back checkout to 2.4.0", "Watch the error rate");
        assertThat(analysis.evidence()).extracting(Evidence::kind).containsExactly("promql", "log", "deployment");
        assertThat(analysis.evidence().get(0).source()).isEqualTo(ERRORS);
        assertThat(analysis.evidence().get(0).link())
                .isEqualTo(Thresholds.graphUrl(harness.prometheus.baseUrl(), ERRORS));
        assertThat(analysis.evidence().get(1).link()).isNull();
        assertThat(analysis.unverified()).isEmpty();
        assertThat(result.rawText()).isNull();
        assertThat(result.limitsHit()).isEmpty();
    }

    @Test
    void sendsTheSystemPromptWithItsSafetyRulesAndTheAlertAsQuotedData() {
        harness.model.thenAnswer(ANALYSIS_JSON);

        harness.investigator().analyze(AgentHarness.alertContext(7, Map.of("summary", "checkout errors above 5%")),
                AgentHarness.THREAD);

        List<JsonNode> messages = harness.model.messages(0);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText())
                .contains("You are Watchdog").contains("untrusted data").contains("You are read-only")
                .doesNotContain("{{");
        String request = messages.get(1).path("content").asText();
        assertThat(request).contains("<alert-data untrusted=\"true\">").contains("\"summary\" : \"checkout errors above 5%\"")
                .contains("\"whatIsHappening\"").contains("at most 8 tool calls").doesNotContain("{{");
        JsonNode tools = harness.model.requests().get(0).path("tools");
        assertThat(tools.findValuesAsText("name")).containsExactlyInAnyOrder("query_prometheus", "list_metrics",
                "label_values", "search_logs", "recent_deployments", "active_alerts", "alert_details", "past_incidents");
    }

    @Test
    void recordsTheTokensOfEveryModelCallInTheStoreAndTellsTheListener() {
        harness.range(ERRORS, 1, 10);
        harness.model.thenToolCalls(call("query_prometheus", "{\"promql\": \"" + ERRORS.replace("\"", "\\\"")
                        + "\", \"range\": \"10m\"}"))
                .thenAnswer(ANALYSIS_JSON);

        AnalysisResult result = harness.investigator().analyze(AgentHarness.alertContext(7, Map.of()),
                AgentHarness.THREAD);

        assertThat(result.usage()).isEqualTo(new TokenUsage(200, 40));
        assertThat(harness.conversations().tokenUsage(AgentHarness.THREAD).inputTokens()).isEqualTo(200);
        assertThat(harness.conversations().tokenUsage(AgentHarness.THREAD).outputTokens()).isEqualTo(40);
        assertThat(harness.usageEvents).containsExactly("analysis:200/40");
    }
}
