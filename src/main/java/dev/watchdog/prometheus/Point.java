package dev.watchdog.prometheus;

import java.time.Instant;

/** A value of a range series at one step. The value may be NaN or infinite. */
public record Point(Instant time, double value) {
}
