-- Alert occurrences and their Slack messages, acks and snoozes.
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
);
-- One open occurrence per alert, whichever source raised it: that is the dedup.
CREATE UNIQUE INDEX one_open_occurrence ON alert_occurrences(fingerprint) WHERE state <> 'resolved';
CREATE INDEX occurrences_by_fingerprint ON alert_occurrences(fingerprint, id);
CREATE INDEX occurrences_resolved ON alert_occurrences(resolved_at) WHERE state = 'resolved';
CREATE TABLE snoozes (
    fingerprint TEXT PRIMARY KEY,
    snoozed_by TEXT NOT NULL,
    until INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    severity TEXT NOT NULL
);
