-- Slack's history API takes channel ids; alerts may be configured by channel name.
CREATE TABLE slack_channels (name TEXT PRIMARY KEY, id TEXT NOT NULL);
