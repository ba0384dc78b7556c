-- A database as an older Watchdog wrote it (schema version 3), dumped with sqlite3 .dump, plus one
-- occurrence, snooze and channel. Opening it applies steps 4 to 6 and keeps the rows.
BEGIN TRANSACTION;
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
, last_notified_at INTEGER);
INSERT INTO alert_occurrences VALUES(1,'4f591801f1af9e2b','g/Down','Down','{"alertname":"Down","job":"api","severity":"critical"}','{"summary":"api is down"}','firing',2.0,1795312800000,1795312860000,NULL,NULL,'C0ALERTS01','1790000000.000100',1795312861000,'U0ONCALL01',1795312920000,1795312800000,1795312862000);
CREATE TABLE snoozes (
    fingerprint TEXT PRIMARY KEY,
    snoozed_by TEXT NOT NULL,
    until INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    severity TEXT NOT NULL
);
INSERT INTO snoozes VALUES('snoozekey','U0ONCALL01',1795316400000,1795312800000,'warning');
CREATE TABLE slack_channels (name TEXT PRIMARY KEY, id TEXT NOT NULL);
INSERT INTO slack_channels VALUES('#alerts','C0ALERTS01');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('alert_occurrences',1);
CREATE UNIQUE INDEX one_open_occurrence ON alert_occurrences(fingerprint) WHERE state <> 'resolved';
CREATE INDEX occurrences_by_fingerprint ON alert_occurrences(fingerprint, id);
CREATE INDEX occurrences_resolved ON alert_occurrences(resolved_at) WHERE state = 'resolved';
COMMIT;
PRAGMA user_version = 3;
