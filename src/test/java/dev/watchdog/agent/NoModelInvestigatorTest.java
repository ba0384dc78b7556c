package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.notify.Thresholds;
import dev.watchdog.deploys.Deployment;
import dev.watchdog.security.Secret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NoModelInvestigatorTest {

    final AgentHarness harness = new AgentHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void analysesWithADeterministicEvidenceSummary() {
        AlertContext alert = AgentHarness.alertContext(9, Map.of("summary", "checkout errors above 5%"));
        harness.instant(alert.expr(), List.of(Map.of("service", "checkout")), 0.12);
        harness.logs.answer = "412 error lines in 15m; top error types: PaymentTimeoutException (400), NPE (12)";
        harness.deployments.add(new Deployment("checkout", "2.4.1", "prod", AgentHarness.T0.minusSeconds(1200), "ci",
                "abc", "", "success", "ci-file"));
        harness.deployments.add(new Deployment("checkout", "2.4.0", "prod", AgentHarness.T0.minusSeconds(7200), "ci",
                "abd", "", "success", "ci-file"));
        Investigator investigator = new NoModelInvestigator(harness.dependencies(), "llm.provider is none");

        AnalysisResult result = investigator.analyze(alert, AgentHarness.THREAD);

        Analysis analysis = result.analysis();
        assertThat(result.failure()).isNull();
        assertThat(analysis.likelyCause()).isEqualTo("No model configured: evidence only");
        assertThat(analysis.whatIsHappening()).isEqualTo("HighErrorRate is firing (value 0.12): checkout errors above 5%");
        assertThat(analysis.evidence()).extracting(Evidence::kind).containsExactly("promql", "log", "deployment");
        Evidence value = analysis.evidence().get(0);
        assertThat(value.source()).isEqualTo(alert.expr());
        assertThat(value.finding()).isEqualTo("Now: 1 series.\n- {service=\"checkout\"} 0.12");
        assertThat(value.link()).isEqualTo(Thresholds.graphUrl(harness.prometheus.baseUrl(), alert.expr()));
        assertThat(analysis.evidence().get(1).finding()).contains("PaymentTimeoutException (400)");
        assertThat(harness.logs.searches()).containsExactly("|15m|error");
        assertThat(analysis.evidence().get(2).finding()).contains("version \"2.4.1\"").doesNotContain("2.4.0");
        assertThat(analysis.severity()).isEqualTo(Analysis.Severity.CRITICAL);
        assertThat(analysis.humanNeededNow()).isTrue();
        assertThat(analysis.confidence()).isZero();
        assertThat(analysis.nextSteps()).last().asString().contains("llm.provider is none");
        assertThat(result.toolCalls()).extracting(ToolCallRecord::tool)
                .containsExactly("query_prometheus", "search_logs", "recent_deployments");
        assertThat(result.usage()).isEqualTo(TokenUsage.NONE);
        // The same alert gives the same summary.
        assertThat(investigator.analyze(alert, AgentHarness.THREAD)).isEqualTo(result);
    }

    @Test
    void aLookupThatFailsIsSaidInItsFindingAndTheOthersStillRun() {
        AlertContext alert = AgentHarness.alertContext(9, Map.of());
        harness.badQuery(alert.expr(), "parse error: unexpected end of input");

        AnalysisResult result = new NoModelInvestigator(harness.dependencies(), "llm.provider is none")
                .analyze(alert, AgentHarness.THREAD);

        assertThat(result.analysis().evidence().get(0).finding()).startsWith("could not be checked: Prometheus at ")
                .contains("parse error: unexpected end of input");
        assertThat(result.toolCalls().get(0).failed()).isTrue();
        assertThat(result.analysis().evidence().get(1).finding()).isEqualTo(harness.logs.answer);
        assertThat(harness.model.requestCount()).isZero();
    }

    @Test
    void answersQuestionsWithHowToConfigureAModel() {
        AnswerResult answer = new NoModelInvestigator(harness.dependencies(), "llm.provider is none")
                .answer(AgentHarness.THREAD, "What is wrong?", null, "U1");

        assertThat(answer.failure()).isNull();
        assertThat(answer.text()).startsWith("No model is configured (llm.provider is none)")
                .contains("provider: openai with api-key (or OPENAI_API_KEY)")
                .contains("provider: ollama with base-url and model");
    }

    @Test
    void theConfigurationDecidesWhichInvestigatorRuns() {
        assertThat(Investigators.create(new LlmSettings("none", "", "", Secret.NONE), harness.dependencies()))
                .isInstanceOf(NoModelInvestigator.class);
        Investigator keyless = Investigators.create(new LlmSettings("openai", "gpt-4o-mini", "", Secret.NONE),
                harness.dependencies());
        assertThat(keyless).isInstanceOf(NoModelInvestigator.class);
        assertThat(keyless.answer(AgentHarness.THREAD, "?", null, "U1").text())
                .contains("llm.provider is openai but llm.api-key is empty");
        assertThat(Investigators.create(new LlmSettings("openai", "gpt-test", harness.model.baseUrl(),
                Secret.of(AgentHarness.API_KEY)), harness.dependencies())).isInstanceOf(BudgetedInvestigator.class);
        assertThat(Investigators.create(new LlmSettings("ollama", "", "", Secret.NONE), harness.dependencies()))
                .isInstanceOf(BudgetedInvestigator.class);
    }
}
