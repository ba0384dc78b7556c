package dev.watchdog.gotemplate;

import java.math.BigInteger;
import java.util.Map;

/** Prometheus durations ({@code 1h30m}, {@code 5m}, {@code -1h2m10ms}) as {@code parseDuration} reads them. */
public final class PromDuration {

    private record Unit(int pos, long nanos) {
    }

    private static final long MS = 1_000_000L;
    private static final Map<String, Unit> UNITS = Map.of(
            "ms", new Unit(7, MS),
            "s", new Unit(6, 1000 * MS),
            "m", new Unit(5, 60_000 * MS),
            "h", new Unit(4, 3_600_000 * MS),
            "d", new Unit(3, 86_400_000 * MS),
            "w", new Unit(2, 7 * 86_400_000 * MS),
            "y", new Unit(1, 365 * 86_400_000 * MS));
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private PromDuration() {
    }

    /** {@code model.ParseDurationAllowNegative}, in nanoseconds. */
    static long parseAllowNegative(String s) throws GoError {
        if (s.isEmpty() || s.charAt(0) != '-') {
            return parse(s);
        }
        return -parse(s.substring(1));
    }

    /**
     * {@code model.ParseDuration}, in nanoseconds, for callers outside templates (the PromQL parser).
     *
     * @throws IllegalArgumentException with Prometheus' message, e.g. {@code not a valid duration string: "1.5m"}
     */
    public static long parseNanos(String s) {
        try {
            return parse(s);
        } catch (GoError invalid) {
            throw new IllegalArgumentException(invalid.getMessage(), invalid);
        }
    }

    /** {@code model.ParseDuration}, in nanoseconds. */
    static long parse(String s) throws GoError {
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new GoError("empty duration string");
        }
        String invalid = "not a valid duration string: " + GoStrings.quote(s, false);
        BigInteger total = BigInteger.ZERO;
        int lastUnitPos = 0;
        int i = 0;
        while (i < s.length()) {
            if (!isDigit(s.charAt(i))) {
                throw new GoError(invalid);
            }
            int start = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            BigInteger value = new BigInteger(s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && !isDigit(s.charAt(i))) {
                i++;
            }
            String unitName = s.substring(unitStart, i);
            if (unitName.isEmpty()) {
                throw new GoError(invalid);
            }
            Unit unit = UNITS.get(unitName);
            if (unit == null) {
                throw new GoError("unknown unit " + GoStrings.quote(unitName, false) + " in duration "
                        + GoStrings.quote(s, false));
            }
            if (unit.pos() <= lastUnitPos) {
                throw new GoError(invalid);
            }
            lastUnitPos = unit.pos();
            total = total.add(value.multiply(BigInteger.valueOf(unit.nanos())));
            if (total.compareTo(MAX) > 0) {
                throw new GoError("duration out of range");
            }
        }
        return total.longValueExact();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
