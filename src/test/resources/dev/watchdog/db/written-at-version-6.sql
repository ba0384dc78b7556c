-- A database as the Watchdog before issue #11 wrote it (schema version 6, Java migrations), dumped with
-- sqlite3 .dump, one row per table. It must open as it is: no step is applied again.
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
, last_notified_at INTEGER, likely_cause TEXT);
INSERT INTO alert_occurrences VALUES(1,'4f591801f1af9e2b','g/Down','Down','{"alertname":"Down","job":"api","severity":"critical"}','{"summary":"api is down"}','firing',2.0,1795312800000,1795312860000,NULL,NULL,'C0ALERTS01','1790000000.000100',1795312861000,'U0ONCALL01',1795312920000,1795312800000,1795312862000,'The v1.5.0 release of checkout.');
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
CREATE TABLE conversations (
    memory_id TEXT PRIMARY KEY,
    messages TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
INSERT INTO conversations VALUES('C0ALERTS01:1790000000.000100','[{"type":"USER"}]',1795312800000);
CREATE TABLE token_usage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    memory_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    at INTEGER NOT NULL
);
INSERT INTO token_usage VALUES(1,'C0ALERTS01:1790000000.000100','analysis',1200,300,1795312800000);
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
);
INSERT INTO proposals VALUES('P-AAAAAA','rollback','{"service":"checkout","replicas":3}','abababababababababababababababababababababababababababababababab','POST https://x','errors',1,'C0ALERTS01','1790000000.000100','U0ASKER001',1795312800000,1795314600000,'pending',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL);
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
);
INSERT INTO audit VALUES(1,1795312800000,'proposed','P-AAAAAA','rollback','U0ASKER001','abababababababababababababababababababababababababababababababab','proposed');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('alert_occurrences',1);
INSERT INTO sqlite_sequence VALUES('token_usage',1);
INSERT INTO sqlite_sequence VALUES('audit',1);
CREATE UNIQUE INDEX one_open_occurrence ON alert_occurrences(fingerprint) WHERE state <> 'resolved';
CREATE INDEX occurrences_by_fingerprint ON alert_occurrences(fingerprint, id);
CREATE INDEX occurrences_resolved ON alert_occurrences(resolved_at) WHERE state = 'resolved';
CREATE INDEX token_usage_by_thread ON token_usage(memory_id);
CREATE INDEX occurrences_by_message ON alert_occurrences(slack_channel, slack_ts);
CREATE INDEX proposals_by_state ON proposals(state, expires_at);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
COMMIT;
PRAGMA user_version = 6;
