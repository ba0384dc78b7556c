package dev.watchdog.alerting.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 3339 timestamps as Go's {@code time.Time} writes them into Alertmanager payloads:
 * {@code 2024-03-01T12:00:00Z}, {@code 2024-03-01T13:00:00.123456789+01:00}.
 */
final class Rfc3339 {

    /**
     * Go's zero {@code time.Time}. Alertmanager sends it as {@code endsAt} of every firing alert: the
     * end is not known yet.
     */
    static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /**
     * The RFC 3339 date-time grammar. Java's ISO parser alone is looser (seconds and offset optional,
     * offsets with seconds), and would let through values other RFC 3339 consumers reject.
     */
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private Rfc3339() {
    }

    /** Empty when {@code text} is not an RFC 3339 date-time or names no real instant (month 13, hour 25). */
    static Optional<Instant> parse(String text) {
        if (!DATE_TIME.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            String upper = text.toUpperCase(Locale.ROOT);
            return Optional.of(OffsetDateTime.parse(upper, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
