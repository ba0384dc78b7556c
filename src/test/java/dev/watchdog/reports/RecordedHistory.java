package dev.watchdog.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/**
 * Recorded series for backfilling, written as OpenMetrics text: one sample a minute for every series, ending
 * at {@link #end}. Values are functions of the minute (0 is the first sample).
 */
final class RecordedHistory {

    private final Instant end;
    private final int minutes;
    private final StringBuilder text = new StringBuilder();

    RecordedHistory(Instant end, Duration length) {
        this.end = end;
        this.minutes = (int) length.toMinutes();
    }

    Instant end() {
        return end;
    }

    Instant start() {
        return end.minus(Duration.ofMinutes(minutes));
    }

    /** A family header; OpenMetrics wants one before its series. */
    RecordedHistory family(String name, String type) {
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    RecordedHistory series(String selector, IntToDoubleFunction valueAtMinute) {
        long first = start().getEpochSecond();
        for (int minute = 0; minute <= minutes; minute++) {
            text.append(selector).append(' ')
                    .append(String.format(Locale.ROOT, "%s", valueAtMinute.applyAsDouble(minute))).append(' ')
                    .append(first + minute * 60L).append('\n');
        }
        return this;
    }

    String openMetrics() {
        return text + "# EOF\n";
    }
}
