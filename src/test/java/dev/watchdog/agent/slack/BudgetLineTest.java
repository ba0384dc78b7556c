package dev.watchdog.agent.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.agent.BudgetSettings;
import dev.watchdog.agent.BudgetStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BudgetLineTest {

    private static final Instant HOUR = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void statusShowsWhatIsUsedOfEachLimit() {
        BudgetStatus status = new BudgetStatus(new BudgetSettings(50_000, 400_000), 12_340, 80_000, HOUR, DAY);

        assertThat(AgentFeature.budgetLine(status))
                .isEqualTo("Model budget: 12,340 of 50,000 tokens this hour, 80,000 of 400,000 tokens today");
    }

    @Test
    void aSpentBudgetSaysWhatAlertsGetAndWhenItRefills() {
        BudgetStatus status = new BudgetStatus(new BudgetSettings(50_000, 0), 50_210, 90_000, HOUR, DAY);

        assertThat(AgentFeature.budgetLine(status)).isEqualTo("Model budget: 50,210 of 50,000 tokens this hour,"
                + " 90,000 tokens (no limit) today\n:warning: Alerts get the evidence summary without a model: the model"
                + " budget of 50,000 tokens per hour (50,210 used) is used up; it refills at 13:00 UTC.");
    }
}
