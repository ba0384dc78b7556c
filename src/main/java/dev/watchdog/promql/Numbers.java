package dev.watchdog.promql;

import dev.watchdog.gotemplate.GoNumbers;
import dev.watchdog.gotemplate.GoStrings;
import dev.watchdog.gotemplate.PromDuration;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Reading and writing PromQL numbers, durations and timestamps the way Prometheus does. */
final class Numbers {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long[] UNIT_MILLIS = {
        365 * DAY_MILLIS, 7 * DAY_MILLIS, DAY_MILLIS, 3_600_000, 60_000, 1000, 1
    };
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};
    /** A duration literal must fit Go's time.Duration: ±2^63 nanoseconds, in seconds. */
    private static final double MAX_DURATION_SECONDS = 9.223372036854775807E9;

    private Numbers() {
    }

    /**
     * A number token's value: Go's {@code ParseInt(s, 0, 64)} first (so {@code 010} is 8 and {@code 0x1F} is
     * 31), then {@code ParseFloat}.
     *
     * @throws IllegalArgumentException with Prometheus' message
     */
    static double parse(String text) {
        Long integer = GoNumbers.parseInt(text);
        if (integer != null) {
            return integer;
        }
        Double value = GoNumbers.tryParseFloat(text.indexOf('_') >= 0 && underscoresSeparateDigits(text)
                ? text.replace("_", "") : text);
        String quoted = GoStrings.quote(text, false);
        if (value == null) {
            throw new IllegalArgumentException("error parsing number: strconv.ParseFloat: parsing " + quoted
                    + ": invalid syntax");
        }
        if (value.isInfinite() && !text.toLowerCase(java.util.Locale.ROOT).startsWith("inf")) {
            throw new IllegalArgumentException("error parsing number: strconv.ParseFloat: parsing " + quoted
                    + ": value out of range");
        }
        return value;
    }

    /** A duration token ({@code 1h30m}) in seconds; zero is refused, as Prometheus refuses it. */
    static double durationSeconds(String text) {
        long nanos = PromDuration.parseNanos(text);
        if (nanos == 0) {
            throw new IllegalArgumentException("duration must be greater than 0");
        }
        return nanos / 1e9;
    }

    static boolean outOfDurationRange(double seconds) {
        return Math.abs(seconds) >= MAX_DURATION_SECONDS;
    }

    /** Seconds as Prometheus turns them into a time.Duration: nanoseconds, rounded half away from zero. */
    static Duration toDuration(double seconds) {
        return Duration.ofNanos(roundHalfAway(seconds * 1e9));
    }

    static long roundHalfAway(double value) {
        return (long) (Math.signum(value) * Math.floor(Math.abs(value) + 0.5));
    }

    /** Go's {@code %f}, as the "timestamp out of bounds" message shows the value. */
    static String goFixed(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The shortest text that reads back as the same number: {@code 42}, {@code 0.5}, {@code 1.0E-5}, {@code Inf}. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        if (value == 0 && Double.doubleToRawLongBits(value) < 0) {
            return "-0";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** {@code 1h30m} for whole milliseconds (years and weeks only when exact), else seconds ({@code 0.0001}). */
    static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long nanos = duration.toNanos();
        if (nanos % NANOS_PER_MILLI != 0) {
            return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
        }
        long millis = nanos / NANOS_PER_MILLI;
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
            boolean exactOnly = unit < 2;
            if (exactOnly && millis % UNIT_MILLIS[unit] != 0) {
                continue;
            }
            long amount = millis / UNIT_MILLIS[unit];
            if (amount > 0) {
                out.append(amount).append(UNIT_NAMES[unit]);
                millis -= amount * UNIT_MILLIS[unit];
            }
        }
        return out.toString();
    }

    /** An {@code @} timestamp in seconds: {@code 1609746000}, {@code 1609746000.5}. */
    static String formatTimestamp(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    /** Go allows {@code _} only between digits (or after a base prefix). */
    private static boolean underscoresSeparateDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '_' && (i == 0 || i == text.length() - 1 || !Character.isDigit(text.charAt(i - 1))
                    || !Character.isDigit(text.charAt(i + 1)))) {
                return false;
            }
        }
        return true;
    }
}
