package dev.watchdog.agent;

import dev.watchdog.db.StoreException;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent's thread conversations (chat memory) and the tokens they cost, kept across restarts.
 * Every method either completes durably or throws {@link StoreException}.
 */
public interface ConversationStore {

    /** The stored chat memory of a thread (JSON written by the agent), if any. */
    Optional<String> conversation(String memoryId);

    void saveConversation(String memoryId, String messagesJson, Instant at);

    void deleteConversation(String memoryId);

    /** Records the tokens one model turn used ({@code kind}: analysis or question). */
    void recordTokenUsage(String memoryId, String kind, long inputTokens, long outputTokens, Instant at);

    /** Input and output tokens used in a thread so far. */
    TokenTotals tokenUsage(String memoryId);

    /** Tokens (input and output) every thread used together from {@code since} on: what a budget counts. */
    long tokensSince(Instant since);

    /**
     * Deletes conversations idle since before {@code cutoff}, and token usage older than a day before it (a budget
     * counts the current day, whatever the retention).
     */
    int pruneBefore(Instant cutoff);
}
