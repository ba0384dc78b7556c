package dev.watchdog.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a stored conversation acceptable to the model again. A turn cut off between the model
 * asking for tools and the results being saved (a deadline, a crash) leaves an assistant message
 * with tool calls that were never answered; OpenAI rejects every later request of such a
 * conversation. Those calls and anything after them are dropped.
 */
final class MemoryRepair {

    private MemoryRepair() {
    }

    /** The messages up to the first tool request that has no result; the same list when all are answered. */
    static List<ChatMessage> withoutUnansweredToolCalls(List<ChatMessage> messages) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof AiMessage ai && ai.hasToolExecutionRequests()
                    && !answered(ai, messages.subList(i + 1, messages.size()))) {
                return new ArrayList<>(messages.subList(0, i));
            }
        }
        return messages;
    }

    private static boolean answered(AiMessage ai, List<ChatMessage> after) {
        Set<String> results = new HashSet<>();
        int count = 0;
        for (ChatMessage message : after) {
            if (!(message instanceof ToolExecutionResultMessage result)) {
                break;
            }
            results.add(String.valueOf(result.id()));
            count++;
        }
        if (count < ai.toolExecutionRequests().size()) {
            return false;
        }
        // Ollama gives tool calls no ids; then the count is all there is to compare.
        return ai.toolExecutionRequests().stream()
                .allMatch(request -> request.id() == null || results.contains(request.id()));
    }
}
