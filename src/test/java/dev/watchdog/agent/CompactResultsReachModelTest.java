package dev.watchdog.agent;

import static dev.watchdog.testing.ScriptedOpenAi.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompactResultsReachModelTest {

    final AgentHarness harness = new AgentHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aRangeOfFiftySeriesTimesSevenHundredTwentyPointsReachesTheModelInUnderSixKilobytes() {
        String query = "rate(http_requests_total{status=\"500\"}[5m])";
        harness.range(query, 50, 720);
        harness.model.thenToolCalls(call("query_prometheus", "{\"promql\": \"rate(http_requests_total{status=\\\"500\\\"}[5m])\","
                        + " \"range\": \"1h\", \"step\": \"5s\"}"))
                .thenAnswer("Errors are rising on every instance.");

        AnswerResult result = harness.investigator().answer(AgentHarness.THREAD, "Are errors rising?", null, "U1");

        assertThat(result.failure()).isNull();
        String toolResult = harness.model.lastToolResult(1);
        assertThat(toolResult.getBytes(StandardCharsets.UTF_8).length).isLessThan(6 * 1024);
        assertThat(toolResult)
                .startsWith("<tool-output tool=\"query_prometheus\" untrusted=\"true\">")
                .endsWith("</tool-output>")
                .contains("50 series, highest peak first")
                .contains("Labels shared by every series: http_requests_total{job=\"api\", status=\"500\"}")
                .contains("{instance=\"api-49.prod.internal:8080\"}: ")
                .contains("rising (")
                .contains("more series not shown")
                .doesNotContain("\"values\"")
                .doesNotContain("resultType");
    }

    @Test
    void anInstantResultIsOneLinePerSeriesNotJson() {
        harness.instant("up", java.util.List.of(Map.of("job", "api", "instance", "a:1"),
                Map.of("job", "api", "instance", "b:1")), 1);
        harness.model.thenToolCalls(call("query_prometheus", "{\"promql\": \"up\"}")).thenAnswer("All up.");

        harness.investigator().answer(AgentHarness.THREAD, "Is the api up?", null, "U1");

        assertThat(harness.model.lastToolResult(1)).contains("2 series, highest value first")
                .contains("- {instance=\"a:1\"} 1\n").contains("- {instance=\"b:1\"} 1\n").doesNotContain("\"metric\"");
    }
}
