package dev.watchdog.alerting;

import java.time.Instant;

/**
 * Notifications for one alert are held until {@code until}, across occurrences.
 *
 * @param key the alert's identity: the fingerprint of its labels without {@code severity}, so the
 *     snooze still knows the alert when it comes back at another severity
 * @param severity the alert's severity when it was snoozed; a higher one breaks the snooze
 */
public record Snooze(String key, String snoozedBy, Instant until, Instant createdAt, String severity) {

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
