package dev.watchdog.logs;

import java.time.Instant;
import java.util.List;

/**
 * Log entries that share one template: the message with numbers, ids, UUIDs, addresses, paths and
 * {@code key=value} values replaced by placeholders. Instead of ten near-identical lines, one group
 * says how many there were, when the first and the last came, and which values the fields took.
 *
 * @param template  the normalised message, e.g. {@code Timeout waiting for connection endpoint=<endpoint> ms=<num>}
 * @param level     the most severe level seen in the group
 * @param errorType the exception class or error type of the entries, or null
 * @param example   the newest entry's first line, redacted and cut
 * @param fields    the fields read from the entries, each with its most frequent values
 */
public record LogGroup(String template, LogLevel level, String errorType, long count, Instant first, Instant last,
        String example, List<Field> fields) {

    public LogGroup {
        fields = List.copyOf(fields);
    }

    /**
     * @param distinct how many different values were seen (capped: {@code capped} says there were more)
     * @param top      the most frequent values, most frequent first
     */
    public record Field(String name, int distinct, boolean capped, List<ValueCount> top) {
        public Field {
            top = List.copyOf(top);
        }
    }

    public record ValueCount(String value, long count) {
    }

    /** This group and {@code other} (same template) as one. */
    LogGroup plus(LogGroup other) {
        return LogGroups.merge(this, other);
    }
}
