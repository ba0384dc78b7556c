-- An alert storm: one message in a channel stands for every alert that joined it; members are never posted.
-- The row is written before its message is posted (post_started_at) and the post carries the storm's id as
-- metadata, so a crash between the post and the record finds the message instead of posting it twice.
-- What the message must show is render_version plus the render versions of its members (a member joining,
-- resolving or being acknowledged raises its own in the same write); slack_version is what Slack confirmed.
CREATE TABLE alert_storms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    slack_channel TEXT,
    slack_ts TEXT,
    post_started_at INTEGER,
    started_at INTEGER NOT NULL,
    last_alert_at INTEGER NOT NULL,
    ended_at INTEGER,
    last_notified_at INTEGER,
    render_version INTEGER NOT NULL DEFAULT 0,
    slack_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX storms_open ON alert_storms(channel) WHERE ended_at IS NULL;
ALTER TABLE alert_occurrences ADD COLUMN storm_id INTEGER REFERENCES alert_storms(id);
CREATE INDEX occurrences_by_storm ON alert_occurrences(storm_id) WHERE storm_id IS NOT NULL;
