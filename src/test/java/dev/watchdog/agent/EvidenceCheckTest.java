package dev.watchdog.agent;

import static dev.watchdog.testing.ScriptedOpenAi.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Evidence the model cites is kept only when the tool results of its investigation show it. */
class EvidenceCheckTest {

    private static final String ALERT_EXPR = "sum(rate(http_requests_total{status=\"500\"}[5m])) > 1";
    private static final List<ToolResult> RESULTS = List.of(
            new ToolResult("query_prometheus", "{\"promql\": \"sum by (pod) (rate(container_cpu_usage_seconds_total"
                    + "{namespace='shop'}[5m]))\", \"range\": \"1h\"}", "Range of 1h: 3 series ..."),
            new ToolResult("search_logs", "{\"query\": \"timeout\", \"level\": \"error\"}",
                    "12 lines\n2026-03-01T01:58:02Z ERROR  ConnectionPoolTimeoutException on /api/orders  (pool=db)"),
            new ToolResult("recent_deployments", "{\"service\": \"checkout\"}",
                    "- service \"checkout\" version \"1.5.0\" in prod at 2026-03-01T01:57:24Z by ci (commit 9f3c2ab)"));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            promql     | sum by(pod)(rate(container_cpu_usage_seconds_total{namespace="shop"}[5m]))  | true
            promql     | sum by (pod) (rate(container_cpu_usage_seconds_total{namespace='shop'}[1m])) | false
            promql     | sum(rate(http_requests_total{status='500'}[5m]))>1                         | true
            promql     | rate(invented_metric[5m])                                                   | false
            promql     | not promql (                                                                | false
            log        | ConnectionPoolTimeoutException on /api/orders (pool=db)                     | true
            log        | "ERROR ConnectionPoolTimeoutException on /api/orders…"                      | true
            log        | OutOfMemoryError: Java heap space                                           | false
            log        | timeout                                                                     | true
            log        | ERROR                                                                       | false
            deployment | checkout 1.5.0 deployed 38 s before the errors                              | true
            deployment | checkout 1.5.1 at 01:57                                                     | false
            deployment | commit 9f3c2ab                                                              | true
            deployment | the deployment just before the errors                                       | false
            other      | version "1.5.0" in prod                                                     | true
            other      | the database is overloaded                                                  | false
            other      |                                                                             | false
            """)
    void checksEachKindAgainstTheResultsOfItsTools(String kind, String source, boolean found) {
        assertThat(EvidenceCheck.found(new Evidence(kind, source, "finding", null), RESULTS, ALERT_EXPR))
                .isEqualTo(found);
    }

    @Test
    void aLogLineTheModelInventedIsSetApartAndShownAsNotFound() {
        try (AgentHarness harness = new AgentHarness()) {
            harness.logs.answer = "3 error lines\nERROR PaymentTimeoutException: upstream timed out after 5000ms";
            harness.model.thenToolCalls(call("search_logs", "{\"query\": \"Exception\", \"level\": \"error\"}"))
                    .thenAnswer("""
                            {"whatIsHappening": "Checkout fails.", "likelyCause": "The payment provider times out.",
                             "evidence": [
                               {"kind": "log", "source": "PaymentTimeoutException: upstream timed out after 5000ms",
                                "finding": "payment calls time out"},
                               {"kind": "log", "source": "FATAL: database \\"orders\\" is out of disk space",
                                "finding": "the database is full"}],
                             "nextSteps": [], "severity": "high", "confidence": 0.6, "humanNeededNow": true}""");

            Analysis analysis = harness.investigator().analyze(AgentHarness.alertContext(3, Map.of()),
                    AgentHarness.THREAD).analysis();

            assertThat(analysis.evidence()).extracting(Evidence::finding).containsExactly("payment calls time out");
            assertThat(analysis.unverified()).extracting(Evidence::finding).containsExactly("the database is full");
        }
    }

    @Test
    void confidenceReadsAsWordsAndNoRootCauseIsAnAnswer() {
        Analysis sure = new Analysis("x", "A bad deploy", List.of(), List.of(), Analysis.Severity.HIGH, 0.85, true);
        Analysis unsure = new Analysis("x", "No root cause found: not the deploy, not the database", List.of(),
                List.of(), Analysis.Severity.LOW, 0.2, false);

        assertThat(sure.confidenceInWords()).isEqualTo("high");
        assertThat(sure.hasLikelyCause()).isTrue();
        assertThat(new Analysis("x", "y", List.of(), List.of(), Analysis.Severity.LOW, 0.5, false).confidenceInWords())
                .isEqualTo("medium");
        assertThat(unsure.confidenceInWords()).isEqualTo("low");
        assertThat(unsure.rootCauseFound()).isFalse();
        assertThat(unsure.hasLikelyCause()).isFalse();
        assertThat(new Analysis("x", "unknown", List.of(), List.of(), Analysis.Severity.LOW, 0, false)
                .confidenceInWords()).isEqualTo("not assessed");
    }
}
