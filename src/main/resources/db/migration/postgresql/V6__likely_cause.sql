-- The investigator's likely cause of an occurrence, so its message still shows it after a restart.
ALTER TABLE alert_occurrences ADD COLUMN likely_cause TEXT;
