package dev.watchdog.store;

import java.time.Instant;

/** Notifications for one alert (by fingerprint, across occurrences) are held until {@code until}. */
public record Snooze(String fingerprint, String snoozedBy, Instant until, Instant createdAt, String severity) {

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
