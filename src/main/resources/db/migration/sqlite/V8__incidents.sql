-- Alerts that fire close together for the same service (or the configured labels) are one incident:
-- one investigation, in the first alert's thread; the other alerts' threads link to it.
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_key TEXT NOT NULL,
    lead_alert_id INTEGER NOT NULL,
    thread_channel TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    investigation_channel TEXT,
    investigation_ts TEXT,
    analyzed_at INTEGER,
    opened_at INTEGER NOT NULL,
    last_alert_at INTEGER NOT NULL
);
CREATE INDEX incidents_by_key ON incidents (group_key, last_alert_at);
CREATE UNIQUE INDEX incidents_by_lead ON incidents (lead_alert_id);
CREATE TABLE incident_alerts (
    alert_id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    rule_name TEXT NOT NULL,
    thread_channel TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    joined_at INTEGER NOT NULL
);
CREATE INDEX incident_alerts_by_incident ON incident_alerts (incident_id);
-- The token budget sums usage since the start of the hour and of the day.
CREATE INDEX token_usage_by_time ON token_usage (at);
