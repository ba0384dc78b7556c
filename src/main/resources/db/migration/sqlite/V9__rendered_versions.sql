-- What Slack must show is derived from the store. render_version counts the changes a message must
-- show (state, ack, snooze, likely cause, a proposal's decision); slack_version is the last one Slack
-- confirmed. A message whose slack_version lags is redrawn from the store, after a crash too.
ALTER TABLE alert_occurrences ADD COLUMN render_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alert_occurrences ADD COLUMN slack_version INTEGER NOT NULL DEFAULT 0;
-- The alert's labels without severity, as its snoozes are keyed: a snooze redraws the occurrences it holds.
ALTER TABLE alert_occurrences ADD COLUMN snooze_key TEXT;
CREATE INDEX occurrences_lagging ON alert_occurrences(id) WHERE slack_version < render_version;
CREATE INDEX occurrences_by_snooze_key ON alert_occurrences(snooze_key) WHERE state <> 'resolved';
ALTER TABLE proposals ADD COLUMN render_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE proposals ADD COLUMN slack_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX proposals_lagging ON proposals(id) WHERE slack_version < render_version;
-- "Looking into it…" messages while their work runs: one left behind by a crash is finished on start.
-- A row is written before the post (ts is null until Slack answers) and the post carries the key as
-- metadata, so a post whose answer a crash cut off is still found in its thread.
CREATE TABLE slack_placeholders (
    placeholder_key TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    thread_ts TEXT NOT NULL,
    ts TEXT,
    purpose TEXT NOT NULL,
    posted_by TEXT NOT NULL,
    posted_at INTEGER NOT NULL
);
