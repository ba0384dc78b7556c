package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Database;
import dev.watchdog.testing.StoreContract;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import java.time.Duration;

/** What every {@link ConversationStore} keeps; a subclass per database runs it. */
abstract class ConversationStoreTest extends StoreContract<ConversationStore> {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    @Override
    protected ConversationStore storeOver(Database database) {
        return new SqlConversationStore(database);
    }

    @Test
    void conversationsAndTokenUsageSurviveARestart() {
        store.saveConversation("C1:1.2", "[{\"type\":\"USER\"}]", T0);
        store.saveConversation("C1:1.2", "[{\"type\":\"USER\"},{\"type\":\"AI\"}]", T0.plusSeconds(1));
        store.recordTokenUsage("C1:1.2", "analysis", 1200, 300, T0);
        store.recordTokenUsage("C1:1.2", "question", 800, 100, T0.plusSeconds(5));
        restart();

        assertThat(store.conversation("C1:1.2")).contains("[{\"type\":\"USER\"},{\"type\":\"AI\"}]");
        assertThat(store.tokenUsage("C1:1.2")).isEqualTo(new TokenTotals(2000, 400));
        assertThat(store.tokenUsage("other")).isEqualTo(new TokenTotals(0, 0));
        store.deleteConversation("C1:1.2");
        assertThat(store.conversation("C1:1.2")).isEmpty();
    }

    @Test
    void tokensSinceSumsEveryThreadFromThatMomentOn() {
        store.recordTokenUsage("C1:1.2", "analysis", 1200, 300, T0.minusSeconds(1));
        store.recordTokenUsage("C1:1.2", "question", 800, 100, T0);
        store.recordTokenUsage("C2:3.4", "analysis", 50, 5, T0.plusSeconds(60));

        assertThat(store.tokensSince(T0)).isEqualTo(955);
        assertThat(store.tokensSince(T0.plusSeconds(61))).isZero();
    }

    @Test
    void pruningDropsIdleConversationsAndTokenUsageOlderThanADayBeforeTheCutoff() {
        store.saveConversation("C1:old", "[]", T0);
        store.saveConversation("C1:recent", "[]", T0.plusSeconds(3_600));
        store.recordTokenUsage("C1:old", "analysis", 100, 10, T0.minus(Duration.ofDays(2)));
        store.recordTokenUsage("C1:old", "analysis", 200, 20, T0);

        assertThat(store.pruneBefore(T0.plusSeconds(1))).isEqualTo(2);

        assertThat(store.conversation("C1:old")).isEmpty();
        assertThat(store.conversation("C1:recent")).isPresent();
        assertThat(store.tokensSince(Instant.EPOCH)).as("the last day still counts for a budget").isEqualTo(220);
    }
}
