package dev.watchdog.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and reads the timestamps that log lines start with. Recognised:
 * <ul>
 *   <li>ISO-8601 with {@code T} or a space, with or without fraction (dot or comma) and zone:
 *       {@code 2024-01-15T10:23:45.123Z}, {@code 2024-01-15 10:23:45,123} (log4j's default),
 *       {@code 2024-01-15T10:23:45+01:00};</li>
 *   <li>syslog {@code Jan  5 10:23:45} (year: the current one, or last year for a date ahead of now);</li>
 *   <li>the common log format of web servers {@code 15/Jan/2024:10:23:45 +0000};</li>
 *   <li>epoch seconds, milliseconds, microseconds or nanoseconds at the very start of a line, or as a
 *       JSON number or string.</li>
 * </ul>
 * Times without a zone are read in the configured zone (the clock's).
 *
 * <p>The scan is written by hand rather than as one regex: it runs on every line a search reads, and a
 * regex alternation tried at each of the first 48 positions cost about a microsecond a line.
 */
final class Timestamps {

    /** A timestamp must start this close to the beginning of a line, or the line has none. */
    static final int SEARCH_CHARS = 48;

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final Pattern EPOCH = Pattern.compile("(\\d{10}(?:\\d{3}){0,3})(?:\\.(\\d{1,9}))?(?![0-9])");
    /** A syslog date more than this far ahead of now was written last year (December logs read in January). */
    private static final Duration SYSLOG_FUTURE_TOLERANCE = Duration.ofDays(1);

    /** Where a timestamp was found in a line: characters {@code [start, end)}. */
    record Found(Instant time, int start, int end) {
    }

    private Timestamps() {
    }

    /** The timestamp near the start of a text line, or null. */
    static Found find(String line, ZoneId zone, Instant now) {
        if (digits(line, 0, 10)) {
            Matcher epoch = EPOCH.matcher(line);
            if (epoch.lookingAt()) {
                Instant time = epoch(epoch.group(1), epoch.group(2));
                if (time != null && plausible(time, now)) {
                    return new Found(time, 0, epoch.end());
                }
            }
        }
        int limit = Math.min(line.length(), SEARCH_CHARS + 1);
        for (int i = 0; i < limit; i++) {
            Found found = at(line, i, zone, now);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A timestamp that is a whole value, e.g. a JSON field: ISO text, epoch digits, or a number. */
    static Instant parseValue(JsonNode value, ZoneId zone, Instant now) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return epochNumber(value.decimalValue());
        }
        return value.isTextual() ? parseValue(value.asText(), zone, now) : null;
    }

    static Instant parseValue(String text, ZoneId zone, Instant now) {
        String value = text.strip();
        Matcher epoch = EPOCH.matcher(value);
        if (epoch.matches()) {
            return epoch(epoch.group(1), epoch.group(2));
        }
        Found found = at(value, 0, zone, now);
        return found == null ? null : found.time();
    }

    /** A timestamp starting exactly at {@code i}, or null. */
    private static Found at(String s, int i, ZoneId zone, Instant now) {
        char c = s.charAt(i);
        boolean wordStart = i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1));
        if (!wordStart) {
            return null;
        }
        try {
            if (isDigit(c)) {
                Found iso = iso(s, i, zone);
                return iso != null ? iso : commonLogFormat(s, i);
            }
            return c >= 'A' && c <= 'Z' ? syslog(s, i, zone, now) : null;
        } catch (DateTimeException invalid) {
            return null; // 2024-13-45 has the shape of a date but is not one
        }
    }

    /** {@code yyyy-MM-dd[T ]HH:mm:ss[.,fraction][Z|±hh[:]mm]}. */
    private static Found iso(String s, int i, ZoneId zone) {
        if (!digits(s, i, 4) || !is(s, i + 4, '-') || !digits(s, i + 5, 2) || !is(s, i + 7, '-') || !digits(s, i + 8, 2)
                || !(is(s, i + 10, 'T') || is(s, i + 10, ' ')) || !clock(s, i + 11)) {
            return null;
        }
        int p = i + 19;
        int nanos = 0;
        if ((is(s, p, '.') || is(s, p, ',')) && p + 1 < s.length() && isDigit(s.charAt(p + 1))) {
            int end = p + 1;
            while (end < s.length() && isDigit(s.charAt(end))) {
                end++;
            }
            nanos = nanos(s, p + 1, end);
            p = end;
        }
        LocalDateTime local = LocalDateTime.of(number(s, i, 4), number(s, i + 5, 2), number(s, i + 8, 2),
                number(s, i + 11, 2), number(s, i + 14, 2), number(s, i + 17, 2), nanos);
        if (is(s, p, 'Z')) {
            return new Found(local.toInstant(ZoneOffset.UTC), i, p + 1);
        }
        if ((is(s, p, '+') || is(s, p, '-')) && digits(s, p + 1, 2)) {
            int sign = s.charAt(p) == '-' ? -1 : 1;
            int hours = number(s, p + 1, 2);
            int end = p + 3;
            int minutes = 0;
            if (is(s, end, ':') && digits(s, end + 1, 2)) {
                minutes = number(s, end + 1, 2);
                end += 3;
            } else if (digits(s, end, 2)) {
                minutes = number(s, end, 2);
                end += 2;
            }
            return new Found(local.toInstant(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes)), i, end);
        }
        return new Found(local.atZone(zone).toInstant(), i, p);
    }

    /** {@code MMM dd HH:mm:ss[.fraction]}, the day padded with a space: {@code Jan  5 10:23:45}. */
    private static Found syslog(String s, int i, ZoneId zone, Instant now) {
        int month = month(s, i);
        if (month == 0 || !is(s, i + 3, ' ')) {
            return null;
        }
        int p = i + 4;
        if (is(s, p, ' ')) {
            p++;
        }
        int dayStart = p;
        while (p < s.length() && p - dayStart < 2 && isDigit(s.charAt(p))) {
            p++;
        }
        if (p == dayStart || !is(s, p, ' ') || !clock(s, p + 1)) {
            return null;
        }
        int day = number(s, dayStart, p - dayStart);
        int time = p + 1;
        int end = time + 8;
        int nanos = 0;
        if (is(s, end, '.') && end + 1 < s.length() && isDigit(s.charAt(end + 1))) {
            int fractionEnd = end + 1;
            while (fractionEnd < s.length() && isDigit(s.charAt(fractionEnd))) {
                fractionEnd++;
            }
            nanos = nanos(s, end + 1, fractionEnd);
            end = fractionEnd;
        }
        int year = now.atZone(zone).getYear();
        LocalDateTime local = LocalDateTime.of(year, month, day, number(s, time, 2), number(s, time + 3, 2),
                number(s, time + 6, 2), nanos);
        Instant instant = local.atZone(zone).toInstant();
        if (instant.isAfter(now.plus(SYSLOG_FUTURE_TOLERANCE))) {
            instant = local.minusYears(1).atZone(zone).toInstant();
        }
        return new Found(instant, i, end);
    }

    /** {@code dd/MMM/yyyy:HH:mm:ss ±hhmm}, as web servers write it. */
    private static Found commonLogFormat(String s, int i) {
        if (!digits(s, i, 2) || !is(s, i + 2, '/') || !is(s, i + 6, '/') || !digits(s, i + 7, 4) || !is(s, i + 11, ':')
                || !clock(s, i + 12) || !is(s, i + 20, ' ') || !(is(s, i + 21, '+') || is(s, i + 21, '-'))
                || !digits(s, i + 22, 4)) {
            return null;
        }
        int month = month(s, i + 3);
        if (month == 0) {
            return null;
        }
        int sign = s.charAt(i + 21) == '-' ? -1 : 1;
        ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * number(s, i + 22, 2), sign * number(s, i + 24, 2));
        LocalDateTime local = LocalDateTime.of(number(s, i + 7, 4), month, number(s, i, 2), number(s, i + 12, 2),
                number(s, i + 15, 2), number(s, i + 18, 2));
        return new Found(local.toInstant(offset), i, i + 26);
    }

    /** {@code HH:mm:ss} at {@code i}. */
    private static boolean clock(String s, int i) {
        return digits(s, i, 2) && is(s, i + 2, ':') && digits(s, i + 3, 2) && is(s, i + 5, ':') && digits(s, i + 6, 2);
    }

    private static int month(String s, int i) {
        if (i + 3 > s.length()) {
            return 0;
        }
        for (int m = 0; m < MONTHS.length; m++) {
            if (s.startsWith(MONTHS[m], i)) {
                return m + 1;
            }
        }
        return 0;
    }

    /**
     * A bare number at the start of a line is only a timestamp when it is a recent date: otherwise a
     * continuation line such as "1234567890 rows" would pass for an entry from 2009.
     */
    private static boolean plausible(Instant time, Instant now) {
        return time.isAfter(now.minus(Duration.ofDays(366 * 10))) && time.isBefore(now.plus(Duration.ofDays(1)));
    }

    private static Instant epoch(String digits, String fraction) {
        return epochNumber(new BigDecimal(fraction == null ? digits : digits + "." + fraction));
    }

    /** Seconds, milliseconds, microseconds or nanoseconds since 1970, told apart by size. */
    private static Instant epochNumber(BigDecimal value) {
        if (value.signum() <= 0) {
            return null;
        }
        BigDecimal seconds;
        if (value.compareTo(BigDecimal.valueOf(1e11)) < 0) {
            seconds = value;
        } else if (value.compareTo(BigDecimal.valueOf(1e14)) < 0) {
            seconds = value.movePointLeft(3);
        } else if (value.compareTo(BigDecimal.valueOf(1e17)) < 0) {
            seconds = value.movePointLeft(6);
        } else {
            seconds = value.movePointLeft(9);
        }
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        try {
            return Instant.ofEpochSecond(whole, nanos);
        } catch (DateTimeException | ArithmeticException outOfRange) {
            return null;
        }
    }

    private static boolean is(String s, int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String s, int i, int count) {
        if (i + count > s.length()) {
            return false;
        }
        for (int k = i; k < i + count; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int i, int count) {
        int value = 0;
        for (int k = i; k < i + count; k++) {
            value = value * 10 + (s.charAt(k) - '0');
        }
        return value;
    }

    /** Fraction digits as nanoseconds; digits beyond the ninth are ignored. */
    private static int nanos(String s, int start, int end) {
        int value = 0;
        for (int k = 0; k < 9; k++) {
            value = value * 10 + (start + k < end ? s.charAt(start + k) - '0' : 0);
        }
        return value;
    }
}
