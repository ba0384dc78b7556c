-- When the alert was last announced (posted, reminded, re-notified): reminders count from it.
ALTER TABLE alert_occurrences ADD COLUMN last_notified_at BIGINT;
