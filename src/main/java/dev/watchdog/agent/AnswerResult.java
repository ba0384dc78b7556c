package dev.watchdog.agent;

import java.util.List;

/**
 * What a question turn produced.
 *
 * @param text    the answer (Slack mrkdwn written by the model), or null when {@code failure} is set
 * @param failure null, or why there is no answer
 */
public record AnswerResult(String text, String failure, TokenUsage usage, List<ToolCallRecord> toolCalls,
        List<String> limitsHit) {

    public AnswerResult {
        toolCalls = List.copyOf(toolCalls);
        limitsHit = List.copyOf(limitsHit);
    }

    public static AnswerResult failed(String failure, TokenUsage usage, List<ToolCallRecord> toolCalls,
            List<String> limitsHit) {
        return new AnswerResult(null, failure, usage, toolCalls, limitsHit);
    }
}
