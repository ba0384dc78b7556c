package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryRepairTest {

    static ToolExecutionRequest request(String id) {
        return ToolExecutionRequest.builder().id(id).name("search_logs").arguments("{}").build();
    }

    @Test
    void keepsAConversationWhoseToolCallsAllHaveResults() {
        List<ChatMessage> messages = List.of(SystemMessage.from("s"), UserMessage.from("q"),
                AiMessage.from(request("a"), request("b")),
                ToolExecutionResultMessage.from(request("a"), "r1"), ToolExecutionResultMessage.from(request("b"), "r2"),
                AiMessage.from("answer"));

        assertThat(MemoryRepair.withoutUnansweredToolCalls(messages)).isSameAs(messages);
    }

    @Test
    void dropsToolCallsWithoutResultsAndEverythingAfterThem() {
        List<ChatMessage> messages = List.of(SystemMessage.from("s"), UserMessage.from("q"),
                AiMessage.from(request("a"), request("b")), ToolExecutionResultMessage.from(request("a"), "r1"),
                UserMessage.from("next question"));

        assertThat(MemoryRepair.withoutUnansweredToolCalls(messages))
                .containsExactly(SystemMessage.from("s"), UserMessage.from("q"));
    }
}
