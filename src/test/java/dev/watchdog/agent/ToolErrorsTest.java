package dev.watchdog.agent;

import static dev.watchdog.testing.ScriptedOpenAi.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every mistake of the model or failure of a tool comes back to the model as text, and the turn completes. */
class ToolErrorsTest {

    final AgentHarness harness = new AgentHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    AnswerResult ask() {
        return harness.investigator().answer(AgentHarness.THREAD, "What is wrong?", null, "U1");
    }

    @Test
    void aPromqlErrorReturnsTheQueryAndPrometheusOwnErrorToTheModel() {
        harness.badQuery("rate(x[5m]", "1:11: parse error: unclosed left parenthesis");
        harness.model.thenToolCalls(call("query_prometheus", "{\"promql\": \"rate(x[5m]\"}")).thenAnswer("Fixed it.");

        AnswerResult result = ask();

        assertThat(harness.model.lastToolResult(1)).isEqualTo("<tool-output tool=\"query_prometheus\" untrusted=\"true\">\n"
                + "query_prometheus failed for `rate(x[5m]`: Prometheus at " + harness.prometheus.baseUrl()
                + " returned an error for query 'rate(x[5m]' (HTTP 400, bad_data): 1:11: parse error: unclosed left "
                + "parenthesis\n</tool-output>");
        assertThat(result.text()).isEqualTo("Fixed it.");
        assertThat(result.toolCalls()).singleElement().extracting(ToolCallRecord::failed).isEqualTo(true);
    }

    @Test
    void anUnknownToolNameIsAnsweredWithTheToolsThatExist() {
        harness.model.thenToolCalls(call("get_kubernetes_pods", "{\"namespace\": \"prod\"}")).thenAnswer("OK.");

        AnswerResult result = ask();

        assertThat(harness.model.lastToolResult(1)).contains("There is no tool named \"get_kubernetes_pods\", so "
                + "nothing was run. The tools are: active_alerts, alert_details, label_values, list_metrics, "
                + "past_incidents, query_prometheus, recent_deployments, search_logs.");
        assertThat(result.text()).isEqualTo("OK.");
        assertThat(result.toolCalls()).containsExactly(
                new ToolCallRecord("get_kubernetes_pods", "{\"namespace\": \"prod\"}", true));
    }

    @Test
    void extraArgumentsAreRefusedWithTheArgumentsTheToolTakes() {
        harness.model.thenToolCalls(call("search_logs", "{\"query\": \"error\", \"limit\": 5, \"service\": \"api\"}"))
                .thenAnswer("OK.");

        AnswerResult result = ask();

        assertThat(harness.model.lastToolResult(1)).contains("search_logs was not run: unknown arguments limit, "
                + "service (allowed: query (required), minutes, level).");
        assertThat(harness.logs.searches()).isEmpty();
        assertThat(result.text()).isEqualTo("OK.");
    }

    @Test
    void missingAndMistypedArgumentsAreRefusedToo() {
        harness.model.thenToolCalls(call("query_prometheus", "{\"range\": \"1h\"}"),
                        call("search_logs", "{\"query\": \"x\", \"minutes\": \"many\"}"),
                        call("alert_details", "not json"))
                .thenAnswer("OK.");

        AnswerResult result = ask();

        var results = harness.model.toolMessages(1);
        assertThat(results.get(0).path("content").asText()).contains("query_prometheus was not run: missing required "
                + "argument promql (allowed: promql (required), range, step).");
        assertThat(results.get(1).path("content").asText()).contains("search_logs was not run: the arguments "
                + "{\"query\": \"x\", \"minutes\": \"many\"} are invalid");
        assertThat(results.get(2).path("content").asText()).contains("alert_details was not run: the arguments are "
                + "not valid JSON.");
        assertThat(result.text()).isEqualTo("OK.");
        assertThat(result.toolCalls()).allMatch(ToolCallRecord::failed);
    }

    @Test
    void aRangeLongerThanTheLimitIsRefusedWithTheLimit() {
        harness.model.thenToolCalls(call("query_prometheus", "{\"promql\": \"up\", \"range\": \"30d\"}")).thenAnswer("OK.");

        ask();

        assertThat(harness.model.lastToolResult(1)).contains("query_prometheus was not run: range 30d is longer than "
                + "the allowed 1d; ask for a shorter one");
    }

    @Test
    void anUnknownAlertIdSaysHowToFindTheOpenOnes() {
        harness.model.thenToolCalls(call("alert_details", "{\"id\": 404}")).thenAnswer("OK.");

        ask();

        assertThat(harness.model.lastToolResult(1)).contains("alert_details: there is no alert #404; active_alerts "
                + "lists the open ones");
    }

    @Test
    void alertToolsReadTheStore() {
        long id = harness.storeFiringAlert("DiskFull", Map.of("instance", "db-1", "severity", "warning"),
                Map.of("summary", "disk 95% full")).id();
        harness.model.thenToolCalls(call("active_alerts", "{}"), call("alert_details", "{\"id\": " + id + "}"))
                .thenAnswer("OK.");

        ask();

        var results = harness.model.toolMessages(1);
        assertThat(results.get(0).path("content").asText()).contains("1 open alerts, newest first.")
                .contains("- #" + id + " \"DiskFull\" firing for 5m, value 0.12, labels {\"instance\":\"db-1\","
                        + "\"severity\":\"warning\"}");
        assertThat(results.get(1).path("content").asText()).contains("\"rule\" : \"DiskFull\"")
                .contains("\"summary\" : \"disk 95% full\"");
    }
}
