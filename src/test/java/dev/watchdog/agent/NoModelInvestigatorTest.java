package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.agent.prework.AlertSeries;
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
    void namesTheDeploymentJustBeforeTheOnsetReadFromTheAlertsOwnSeries() {
        AlertContext alert = AgentHarness.alertContext(9, Map.of("summary", "checkout errors above 5%"));
        String value = AlertSeries.valueExpression(alert.expr());
        // Errors step from 0.4% to 30% seven minutes before T0; the alert fired two minutes later.
        harness.rangeOf(value, age -> age > 420 ? 0.004 + (age % 90 == 0 ? 0.001 : 0) : 0.3);
        harness.deployments.add(new Deployment("checkout", "2.4.1", "prod", AgentHarness.T0.minusSeconds(460), "ci",
                "abc", "", "success", "ci-file"));
        harness.deployments.add(new Deployment("checkout", "2.4.0", "prod", AgentHarness.T0.minusSeconds(5400), "ci",
                "abd", "", "success", "ci-file"));
        Investigator investigator = new NoModelInvestigator(harness.dependencies(), "llm.provider is none");

        AnalysisResult result = investigator.analyze(alert, AgentHarness.THREAD);

        Analysis analysis = result.analysis();
        assertThat(value).isEqualTo("sum(rate(http_requests_total{status=\"500\"}[5m])) / sum(rate(http_requests_total[5m]))");
        assertThat(result.failure()).isNull();
        assertThat(result.byModel()).isFalse();
        assertThat(analysis.likelyCause()).isEqualTo("checkout 2.4.1 deployed 40s before the onset (2026-03-01T01:52:20Z)");
        assertThat(analysis.whatIsHappening()).isEqualTo("HighErrorRate is firing (value 0.12): checkout errors above 5%. "
                + "It began at 2026-03-01T01:53:00Z, 2m before the alert fired");
        Evidence series = analysis.evidence().get(0);
        assertThat(series.kind()).isEqualTo(Evidence.PROMQL);
        assertThat(series.source()).isEqualTo(value);
        assertThat(series.finding()).contains("level shift at 2026-03-01T01:53:00Z (at the same time as the onset): "
                + "0.004");
        assertThat(series.link()).isEqualTo(Thresholds.graphUrl(harness.prometheus.baseUrl(), alert.expr()));
        assertThat(analysis.evidence().get(1).finding())
                .isEqualTo("Just before the onset: checkout 2.4.1 (prod) deployed 2026-03-01T01:52:20Z, 40s before the "
                        + "onset, by ci, status success");
        assertThat(analysis.evidence().get(2).finding()).contains("2.4.0", "1h23m before the onset")
                .doesNotContain("Just before");
        assertThat(analysis.evidence()).extracting(Evidence::finding)
                .contains("Logs could not be compared (no log sources are configured).");
        assertThat(analysis.nextSteps()).first().asString().contains("2.4.1");
        assertThat(analysis.nextSteps()).last().asString().contains("llm.provider is none");
        assertThat(analysis.severity()).isEqualTo(Analysis.Severity.CRITICAL);
        assertThat(result.usage()).isEqualTo(TokenUsage.NONE);
        assertThat(harness.model.requestCount()).isZero();
        // The same alert gives the same summary.
        assertThat(investigator.analyze(alert, AgentHarness.THREAD)).isEqualTo(result);
    }

    @Test
    void saysNoSingleCauseWhenNothingLinesUpAndAFailedLookupIsSaidNotHidden() {
        AlertContext alert = AgentHarness.alertContext(9, Map.of());

        AnalysisResult result = new NoModelInvestigator(harness.dependencies(), "llm.provider is none")
                .analyze(alert, AgentHarness.THREAD);

        assertThat(result.analysis().likelyCause()).startsWith("No single cause found");
        assertThat(result.analysis().rootCauseFound()).isFalse();
        assertThat(result.analysis().evidence()).extracting(Evidence::finding)
                .anySatisfy(finding -> assertThat(finding).startsWith("Could not check: sum(rate(")
                        .contains("answered HTTP 404"))
                .contains("No deployments in the 2h before the onset.");
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
