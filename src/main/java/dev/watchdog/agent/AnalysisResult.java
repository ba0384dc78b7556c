package dev.watchdog.agent;

import java.util.List;

/**
 * What an analysis turn produced.
 *
 * @param analysis the parsed analysis, or null when there is none (see {@code rawText} and {@code failure})
 * @param rawText  the model's own text when it could not be parsed as an analysis, else null
 * @param failure  null, or why no analysis is available ("the model answered HTTP 429 (rate limited); ...")
 * @param limitsHit the turn limits that cut the investigation short, each saying what was not done
 * @param byModel   false for the deterministic summary made without a model: it has no confidence to show
 */
public record AnalysisResult(Analysis analysis, String rawText, String failure, TokenUsage usage,
        List<ToolCallRecord> toolCalls, List<String> limitsHit, boolean byModel) {

    public AnalysisResult(Analysis analysis, String rawText, String failure, TokenUsage usage,
            List<ToolCallRecord> toolCalls, List<String> limitsHit) {
        this(analysis, rawText, failure, usage, toolCalls, limitsHit, true);
    }

    public AnalysisResult {
        toolCalls = List.copyOf(toolCalls);
        limitsHit = List.copyOf(limitsHit);
    }

    public static AnalysisResult failed(String failure, TokenUsage usage, List<ToolCallRecord> toolCalls,
            List<String> limitsHit) {
        return new AnalysisResult(null, null, failure, usage, toolCalls, limitsHit);
    }

    public boolean isStructured() {
        return analysis != null;
    }
}
