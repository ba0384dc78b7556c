package dev.watchdog.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as people and models read them: RFC 3339 in UTC to the second, and distances such as
 * "38s before" or "4m10s after". Never epoch seconds or nanoseconds.
 */
public final class Times {

    private Times() {
    }

    /** {@code 2026-03-01T10:31:15Z}. */
    public static String at(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 38s before}, {@code 4m10s after}, {@code at the same time} (within a second). */
    public static String relative(Instant time, Instant anchor) {
        Duration distance = Duration.between(anchor, time);
        if (distance.abs().toSeconds() < 1) {
            return "at the same time as";
        }
        return span(distance.abs()) + (distance.isNegative() ? " before" : " after");
    }

    /** {@code 45s}, {@code 4m10s}, {@code 2h5m}, {@code 3d4h}: two units at most. */
    public static String span(Duration duration) {
        long seconds = duration.abs().toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        if (seconds < 86400) {
            return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
        }
        return seconds / 86400 + "d" + (seconds % 86400 / 3600 == 0 ? "" : seconds % 86400 / 3600 + "h");
    }
}
