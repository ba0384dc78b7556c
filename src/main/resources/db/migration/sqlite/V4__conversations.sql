-- Thread conversations with the agent (chat memory) and what they cost.
CREATE TABLE conversations (
    memory_id TEXT PRIMARY KEY,
    messages TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE token_usage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    memory_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX token_usage_by_thread ON token_usage(memory_id);
-- Thread replies are routed to the agent by the alert message they answer.
CREATE INDEX occurrences_by_message ON alert_occurrences(slack_channel, slack_ts);
