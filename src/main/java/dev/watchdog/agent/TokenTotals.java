package dev.watchdog.agent;

/** Tokens a thread's conversations with the model used, summed. */
public record TokenTotals(long inputTokens, long outputTokens) {

    public long total() {
        return inputTokens + outputTokens;
    }
}
