package dev.watchdog.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, one numbered step at a time. {@code PRAGMA user_version} says which steps a
 * database has had; a newer Watchdog applies the missing ones in one transaction, an older one
 * refuses a database it does not understand.
 */
final class Migrations {

    static final List<List<String>> STEPS = List.of(
            List.of("""
                    CREATE TABLE alert_occurrences (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        fingerprint TEXT NOT NULL,
                        rule_key TEXT NOT NULL,
                        rule_name TEXT NOT NULL,
                        labels TEXT NOT NULL,
                        annotations TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
                        value REAL,
                        active_at INTEGER NOT NULL,
                        fired_at INTEGER,
                        resolved_at INTEGER,
                        keep_firing_since INTEGER,
                        slack_channel TEXT,
                        slack_ts TEXT,
                        post_started_at INTEGER,
                        acked_by TEXT,
                        acked_at INTEGER,
                        updated_at INTEGER NOT NULL
                    )""",
                    // One open occurrence per alert, whichever source raised it: that is the dedup.
                    "CREATE UNIQUE INDEX one_open_occurrence ON alert_occurrences(fingerprint) WHERE state <> 'resolved'",
                    "CREATE INDEX occurrences_by_fingerprint ON alert_occurrences(fingerprint, id)",
                    "CREATE INDEX occurrences_resolved ON alert_occurrences(resolved_at) WHERE state = 'resolved'",
                    """
                    CREATE TABLE snoozes (
                        fingerprint TEXT PRIMARY KEY,
                        snoozed_by TEXT NOT NULL,
                        until INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        severity TEXT NOT NULL
                    )"""),
            // Slack's history API takes channel ids; alerts may be configured by channel name.
            List.of("CREATE TABLE slack_channels (name TEXT PRIMARY KEY, id TEXT NOT NULL)"),
            // When the alert was last announced (posted, reminded, re-notified): reminders count from it.
            List.of("ALTER TABLE alert_occurrences ADD COLUMN last_notified_at INTEGER"),
            // Thread conversations with the agent (chat memory) and what they cost.
            List.of("""
                    CREATE TABLE conversations (
                        memory_id TEXT PRIMARY KEY,
                        messages TEXT NOT NULL,
                        updated_at INTEGER NOT NULL
                    )""", """
                    CREATE TABLE token_usage (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        memory_id TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        input_tokens INTEGER NOT NULL,
                        output_tokens INTEGER NOT NULL,
                        at INTEGER NOT NULL
                    )""", "CREATE INDEX token_usage_by_thread ON token_usage(memory_id)",
                    // Thread replies are routed to the agent by the alert message they answer.
                    "CREATE INDEX occurrences_by_message ON alert_occurrences(slack_channel, slack_ts)"),
            // Approval-gated actions: proposals, and the audit trail, which no code may change or
            // delete: the triggers refuse it even to a hand-written statement.
            List.of("""
                    CREATE TABLE proposals (
                        id TEXT PRIMARY KEY,
                        action_id TEXT NOT NULL,
                        parameters TEXT NOT NULL,
                        request_hash TEXT NOT NULL,
                        request_preview TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        alert_id INTEGER,
                        channel TEXT NOT NULL,
                        thread_ts TEXT,
                        asked_by TEXT,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        state TEXT NOT NULL CHECK (state IN
                            ('pending', 'approved', 'rejected', 'expired', 'cancelled', 'executed', 'failed')),
                        decided_by TEXT,
                        decided_at INTEGER,
                        decision_note TEXT,
                        message_channel TEXT,
                        message_ts TEXT,
                        result_status INTEGER,
                        result_excerpt TEXT,
                        finished_at INTEGER
                    )""",
                    "CREATE INDEX proposals_by_state ON proposals(state, expires_at)",
                    """
                    CREATE TABLE audit (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                        at INTEGER NOT NULL,
                        event TEXT NOT NULL CHECK (event IN ('proposed', 'approved', 'rejected', 'expired',
                            'cancelled', 'executed', 'failed', 'refused')),
                        proposal_id TEXT,
                        action_id TEXT,
                        actor TEXT,
                        request_hash TEXT,
                        detail TEXT NOT NULL
                    )""",
                    """
                    CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END""",
                    """
                    CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
                    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"""),
            List.of("ALTER TABLE alert_occurrences ADD COLUMN likely_cause TEXT"));

    private Migrations() {
    }

    static void apply(Connection connection, String where) throws SQLException {
        int version;
        try (Statement statement = connection.createStatement();
                var result = statement.executeQuery("PRAGMA user_version")) {
            version = result.getInt(1);
        }
        if (version > STEPS.size()) {
            throw new SQLException(where + " has schema version " + version + " but this Watchdog knows only up to "
                    + STEPS.size() + "; use the newer Watchdog that wrote it");
        }
        if (version == STEPS.size()) {
            return;
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (int step = version; step < STEPS.size(); step++) {
                for (String sql : STEPS.get(step)) {
                    statement.execute(sql);
                }
            }
            statement.execute("PRAGMA user_version = " + STEPS.size());
            connection.commit();
        } catch (SQLException failure) {
            connection.rollback();
            throw failure;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
