package dev.watchdog.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * The model as one turn sees it: counts the tokens of every call (also of calls in a turn that
 * later fails, which {@code Result.tokenUsage()} would not report), and refuses to call the
 * model once the turn is over.
 */
final class TurnChatModel extends DelegatingChatModel {

    private final Turn turn;

    TurnChatModel(ChatModel delegate, Turn turn) {
        super(delegate);
        this.turn = turn;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        if (turn.isStopped()) {
            throw new TurnStopped();
        }
        ChatResponse response = call(request);
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        if (usage != null) {
            turn.addUsage(new TokenUsage(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount())));
        }
        return response;
    }

    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }

    /** The turn ended (its deadline passed) while the tool loop still wanted the model. */
    static final class TurnStopped extends RuntimeException {
        TurnStopped() {
            super("the turn is over", null, false, false);
        }
    }
}
