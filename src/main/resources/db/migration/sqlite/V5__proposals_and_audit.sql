-- Approval-gated actions: proposals, and the audit trail, which no code may change or delete:
-- the triggers refuse it even to a hand-written statement.
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
CREATE INDEX proposals_by_state ON proposals(state, expires_at);
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
-- A trigger's body stays on one line: a semicolon at the end of a line ends the statement.
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
