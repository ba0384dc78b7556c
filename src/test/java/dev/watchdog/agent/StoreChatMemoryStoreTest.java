package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.watchdog.db.Database;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreChatMemoryStoreTest {

    final MutableClock clock = new MutableClock(AgentHarness.T0);

    @Test
    void writesThroughToTheStoreAndReadsBackEveryKindOfMessage() {
        try (Database database = Database.inMemory()) {
            ConversationStore store = new SqlConversationStore(database);
            ToolExecutionRequest call = ToolExecutionRequest.builder().id("c1").name("search_logs")
                    .arguments("{\"query\":\"x\"}").build();
            List<ChatMessage> messages = List.of(UserMessage.from("q"), AiMessage.from(call),
                    ToolExecutionResultMessage.from(call, "found"), AiMessage.from("answer"));

            new StoreChatMemoryStore(store, clock).updateMessages("C1:1.2", messages);

            assertThat(store.conversation("C1:1.2")).isPresent();
            assertThat(new StoreChatMemoryStore(store, clock).getMessages("C1:1.2")).isEqualTo(messages);
        }
    }

    @Test
    void anUnreadableStoredConversationStartsEmptyInsteadOfBreakingTheThread() {
        try (Database database = Database.inMemory()) {
            ConversationStore store = new SqlConversationStore(database);
            store.saveConversation("C1:1.2", "{not json", clock.instant());

            assertThat(new StoreChatMemoryStore(store, clock).getMessages("C1:1.2")).isEmpty();
        }
    }

    @Test
    void anIdleThreadIsDroppedFromTheCacheButNotFromTheStore() {
        try (Database database = Database.inMemory()) {
            ConversationStore store = new SqlConversationStore(database);
            AtomicLong nanos = new AtomicLong();
            Ticker ticker = nanos::get;
            StoreChatMemoryStore memory = new StoreChatMemoryStore(store, clock, 10, Duration.ofMinutes(5), ticker);
            memory.updateMessages("C1:1.2", List.of(UserMessage.from("q")));
            store.saveConversation("C1:1.2", "[]", clock.instant()); // changed behind the cache's back

            assertThat(memory.getMessages("C1:1.2")).hasSize(1);
            nanos.addAndGet(Duration.ofMinutes(6).toNanos());
            assertThat(memory.getMessages("C1:1.2")).isEmpty();
        }
    }

    @Test
    void deletingForgetsTheThreadEverywhere() {
        try (Database database = Database.inMemory()) {
            ConversationStore store = new SqlConversationStore(database);
            StoreChatMemoryStore memory = new StoreChatMemoryStore(store, clock);
            memory.updateMessages("C1:1.2", List.of(UserMessage.from("q")));

            memory.deleteMessages("C1:1.2");

            assertThat(memory.getMessages("C1:1.2")).isEmpty();
            assertThat(store.conversation("C1:1.2")).isEmpty();
        }
    }
}
