package dev.watchdog.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Database;
import dev.watchdog.slack.PostedMessage;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The investigator's hit rate: the share of 👍 per model and per rule, over the report's period only. */
class HitRateSectionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    private final Database database = Database.inMemory();
    private final MemoryStore memory = new SqlMemoryStore(database);
    private final HitRateSection section = new HitRateSection(memory);

    @AfterEach
    void close() {
        database.close();
    }

    private long diagnosis(String rule, String model) {
        return memory.recordDiagnosis(new Diagnosis(0, 1, rule, model, "cause", Set.of(),
                new PostedMessage("C1", "1790000000.000100"), T0)).id();
    }

    private void vote(long diagnosis, String user, boolean helpful, Instant at) {
        memory.recordFeedback(new Feedback(diagnosis, user, helpful, helpful ? null : "something else", at));
    }

    @Test
    void countsEachPersonsVotePerModelAndPerRuleWithinThePeriod() {
        long a = diagnosis("CheckoutErrors", "openai/gpt-4o");
        long b = diagnosis("DiskFull", "openai/gpt-4o");
        long c = diagnosis("CheckoutErrors", "none");
        vote(a, "U1", true, T0.plusSeconds(10));
        vote(a, "U2", true, T0.plusSeconds(20));
        vote(b, "U1", false, T0.plusSeconds(30));
        vote(c, "U1", false, T0.plusSeconds(40));
        vote(c, "U2", true, T0.minusSeconds(40)); // before the period

        assertThat(section.render(T0, T0.plusSeconds(3600), null)).contains("*Investigator hit rate* (2 of 4 right, 50%)"
                + "\n_By model:_\n• none: 0 of 1 right, 0%\n• openai/gpt-4o: 2 of 3 right, 67%"
                + "\n_By rule:_\n• CheckoutErrors: 2 of 3 right, 67%\n• DiskFull: 0 of 1 right, 0%");
        assertThat(section.render(T0.plusSeconds(3600), T0.plusSeconds(7200), null)).as("no votes").isEmpty();
    }
}
