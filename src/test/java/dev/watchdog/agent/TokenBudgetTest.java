package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token budget: counted from the stored usage of every turn, per clock hour and UTC day, kept over restarts. */
class TokenBudgetTest {

    private static final String ANALYSIS_JSON = """
            {"whatIsHappening": "Errors", "likelyCause": "A bad deploy", "evidence": [], "nextSteps": [],
             "severity": "high", "confidence": 0.8, "humanNeededNow": true}""";

    @TempDir
    Path dir;

    @Test
    void countsEveryTurnsTokensAndRefillsAtTheEndOfTheHour() {
        try (AgentHarness harness = new AgentHarness()) {
            harness.clock.set(Instant.parse("2026-03-01T02:40:00Z"));
            TokenBudget budget = new TokenBudget(new BudgetSettings(1000, 0), harness.conversations(), harness.clock);
            ConversationStore usage = harness.conversations();
            usage.recordTokenUsage("C1:1.1", "analysis", 600, 100, Instant.parse("2026-03-01T01:59:59Z"));
            usage.recordTokenUsage("C1:1.1", "analysis", 500, 100, Instant.parse("2026-03-01T02:05:00Z"));

            assertThat(budget.status().spent()).isFalse();
            assertThat(budget.status().usage()).isEqualTo("600 of 1,000 tokens this hour, 1,300 tokens (no limit) today");

            usage.recordTokenUsage("C1:2.2", "question", 350, 50, Instant.parse("2026-03-01T02:30:00Z"));
            BudgetStatus spent = budget.status();
            assertThat(spent.spent()).isTrue();
            assertThat(spent.refillsAt()).contains(Instant.parse("2026-03-01T03:00:00Z"));
            assertThat(spent.whySpent()).contains(
                    "the model budget of 1,000 tokens per hour (1,000 used) is used up; it refills at 03:00 UTC");

            harness.clock.set(Instant.parse("2026-03-01T03:00:00Z"));
            assertThat(budget.status().spent()).isFalse();
            assertThat(budget.status().usedThisHour()).isZero();
        }
    }

    @Test
    void aSpentDayWaitsForMidnightUtcAndSurvivesARestart() {
        Instant morning = Instant.parse("2026-03-01T09:15:00Z");
        try (AgentHarness harness = new AgentHarness(dir.resolve("watchdog.db"))) {
            harness.clock.set(morning);
            harness.conversations().recordTokenUsage("C1:1.1", "analysis", 4000, 1000, morning.minusSeconds(7200));
        }
        try (AgentHarness restarted = new AgentHarness(dir.resolve("watchdog.db"))) {
            restarted.clock.set(morning);
            BudgetStatus status = new TokenBudget(new BudgetSettings(0, 5000), restarted.conversations(),
                    restarted.clock).status();

            assertThat(status.daySpent()).isTrue();
            assertThat(status.hourSpent()).isFalse();
            assertThat(status.whySpent()).contains(
                    "the model budget of 5,000 tokens per day (5,000 used) is used up; it refills at Mon 00:00 UTC");
        }
    }

    @Test
    void whenSpentAlertsGetTheEvidenceSummaryWithTheReasonAndQuestionsAClearAnswer() {
        try (AgentHarness harness = new AgentHarness()) {
            harness.model.thenAnswer(ANALYSIS_JSON);
            TokenBudget budget = new TokenBudget(new BudgetSettings(100, 0), harness.conversations(), harness.clock);
            Investigator investigator = new BudgetedInvestigator(harness.investigator(), budget, harness.dependencies());
            AlertContext alert = AgentHarness.alertContext(7, Map.of());

            AnalysisResult first = investigator.analyze(alert, AgentHarness.THREAD);
            assertThat(first.analysis().likelyCause()).isEqualTo("A bad deploy");
            assertThat(first.usage().total()).isEqualTo(120);

            AnalysisResult second = investigator.analyze(alert, "C0ALERTS:1772330999.000100");
            assertThat(harness.model.requestCount()).as("no model call once the budget is spent").isEqualTo(1);
            assertThat(second.usage()).isEqualTo(TokenUsage.NONE);
            assertThat(second.analysis().evidence()).isNotEmpty();
            assertThat(second.limitsHit()).containsExactly("budget: the model budget of 100 tokens per hour (120 used)"
                    + " is used up; it refills at 03:00 UTC");
            assertThat(second.analysis().nextSteps()).last().asString().contains("refills at 03:00 UTC");

            AnswerResult answer = investigator.answer(AgentHarness.THREAD, "Why?", alert, "U1");
            assertThat(answer.failure()).isNull();
            assertThat(answer.text()).isEqualTo("I cannot answer now: the model budget of 100 tokens per hour (120 used)"
                    + " is used up; it refills at 03:00 UTC. Ask again after that.");
            assertThat(harness.model.requestCount()).isEqualTo(1);

            harness.clock.advance(Duration.ofHours(1));
            harness.model.thenAnswer("Fine now.");
            assertThat(investigator.answer(AgentHarness.THREAD, "And now?", alert, "U1").text()).isEqualTo("Fine now.");
        }
    }
}
