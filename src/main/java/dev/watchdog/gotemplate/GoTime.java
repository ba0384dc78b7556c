package dev.watchdog.gotemplate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Go's {@code time.Time} in UTC, or a pointer to one ({@code toTime} returns {@code *time.Time}).
 * Prints as Go's {@code Time.String()}: {@code 2015-06-23 13:19:44.128 +0000 UTC}.
 */
record GoTime(Instant instant, boolean pointer) {

    static final String STRING_LAYOUT = "2006-01-02 15:04:05.999999999 -0700 MST";

    String typeName() {
        return pointer ? "*time.Time" : "time.Time";
    }

    GoTime value() {
        return pointer ? new GoTime(instant, false) : this;
    }

    ZonedDateTime utc() {
        return instant.atZone(ZoneOffset.UTC);
    }

    long unixNanos() {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    String format(String layout) {
        return GoTimeLayout.format(utc(), layout);
    }

    @Override
    public String toString() {
        return format(STRING_LAYOUT);
    }
}
