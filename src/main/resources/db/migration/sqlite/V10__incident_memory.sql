-- Incident memory: the cause and fix people recorded for an alert occurrence, every edit of it,
-- the investigator's diagnoses with the feedback people gave them, and when each channel last got
-- its hand-off digest. Rule name, labels and evidence are copied, so the memory outlives the
-- occurrence row; the retention setting prunes it all the same.
CREATE TABLE incident_causes (
    alert_id INTEGER PRIMARY KEY,
    rule_name TEXT NOT NULL,
    labels TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    category TEXT NOT NULL,
    what TEXT NOT NULL,
    fix TEXT NOT NULL,
    link TEXT,
    evidence TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX incident_causes_occurred ON incident_causes (occurred_at);
CREATE TABLE incident_cause_edits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id INTEGER NOT NULL,
    category TEXT NOT NULL,
    what TEXT NOT NULL,
    fix TEXT NOT NULL,
    link TEXT,
    edited_by TEXT NOT NULL,
    edited_at INTEGER NOT NULL
);
CREATE INDEX incident_cause_edits_alert ON incident_cause_edits (alert_id, id);
CREATE TABLE diagnoses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id INTEGER NOT NULL,
    rule_name TEXT NOT NULL,
    model TEXT NOT NULL,
    likely_cause TEXT NOT NULL,
    evidence TEXT NOT NULL,
    slack_channel TEXT NOT NULL,
    slack_ts TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX diagnoses_alert ON diagnoses (alert_id, id);
CREATE INDEX diagnoses_created ON diagnoses (created_at);
CREATE TABLE diagnosis_feedback (
    diagnosis_id INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('up', 'down')),
    actual_cause TEXT,
    given_at INTEGER NOT NULL,
    PRIMARY KEY (diagnosis_id, user_id)
);
CREATE TABLE handoff_digests (
    channel TEXT PRIMARY KEY,
    last_sent_at INTEGER NOT NULL
);
