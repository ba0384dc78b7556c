package dev.watchdog.agent.eval;

import java.util.List;

/**
 * How one case went.
 *
 * @param rootCauseFound whether the root cause is named anywhere in the diagnosis or its evidence
 * @param falseClaims    forbidden text found in what the diagnosis claims
 * @param tokens         the model's tokens, or for the no-model path the estimate of its text (chars / 4)
 * @param failure        why the investigation gave no analysis, or null
 */
public record EvalResult(String name, String category, boolean rootCauseFound, int factsFound, int factsTotal,
        List<String> falseClaims, long tokens, long millis, String failure, int tokenBudget) {

    public EvalResult {
        falseClaims = List.copyOf(falseClaims);
    }

    /** Passed: root cause found, every key fact present, nothing false claimed, within the token budget. */
    public boolean passed() {
        return failure == null && rootCauseFound && factsFound == factsTotal && falseClaims.isEmpty()
                && tokens <= tokenBudget;
    }
}
