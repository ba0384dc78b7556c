package dev.watchdog.agent;

import dev.watchdog.db.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Conversations and token usage in the {@link Database}. */
public final class SqlConversationStore implements ConversationStore {

    private final Database database;

    public SqlConversationStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<String> conversation(String memoryId) {
        return database.first("read conversation " + memoryId, "SELECT messages FROM conversations WHERE memory_id = ?",
                row -> row.getString(1), memoryId);
    }

    @Override
    public void saveConversation(String memoryId, String messagesJson, Instant at) {
        database.update("save conversation " + memoryId,
                database.dialect().upsert("conversations", "memory_id", "messages", "updated_at"), memoryId,
                messagesJson, at);
    }

    @Override
    public void deleteConversation(String memoryId) {
        database.update("delete conversation " + memoryId, "DELETE FROM conversations WHERE memory_id = ?", memoryId);
    }

    @Override
    public void recordTokenUsage(String memoryId, String kind, long inputTokens, long outputTokens, Instant at) {
        database.update("record token usage", "INSERT INTO token_usage (memory_id, kind, input_tokens, output_tokens,"
                + " at) VALUES (?, ?, ?, ?, ?)", memoryId, kind, inputTokens, outputTokens, at);
    }

    @Override
    public TokenTotals tokenUsage(String memoryId) {
        return database.first("read token usage of " + memoryId, "SELECT COALESCE(SUM(input_tokens), 0),"
                + " COALESCE(SUM(output_tokens), 0) FROM token_usage WHERE memory_id = ?",
                row -> new TokenTotals(row.getLong(1), row.getLong(2)), memoryId).orElseThrow();
    }

    @Override
    public long tokensSince(Instant since) {
        return database.first("read token usage since " + since, "SELECT COALESCE(SUM(input_tokens + output_tokens), 0)"
                + " FROM token_usage WHERE at >= ?", row -> row.getLong(1), since).orElseThrow();
    }

    @Override
    public int pruneBefore(Instant cutoff) {
        return database.inTransaction("prune conversations", sql ->
                sql.update("DELETE FROM conversations WHERE updated_at < ?", cutoff)
                        + sql.update("DELETE FROM token_usage WHERE at < ?", cutoff.minus(Duration.ofDays(1))));
    }
}
