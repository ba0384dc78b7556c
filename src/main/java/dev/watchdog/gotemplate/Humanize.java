package dev.watchdog.gotemplate;

/**
 * Prometheus' number humanizing: {@code humanize}, {@code humanize1024}, {@code humanizePercentage},
 * {@code humanizeDuration} and {@code humanizeTimestamp}, all on top of Go's {@code %.4g}.
 */
final class Humanize {

    private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
    private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

    private Humanize() {
    }

    /** Go's {@code %.4g}. */
    static String g4(double v) {
        return GoFloat.format(v, 'g', 4);
    }

    /** SI prefixes: 1234567 is {@code 1.235M}, 0.12 is {@code 120m}. */
    static String metric(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        if (Math.abs(v) >= 1) {
            for (String p : BIG) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return g4(v) + prefix;
        }
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix;
    }

    /** Binary prefixes as Prometheus spells them: 1048576 is {@code 1Mi}, 2048 is {@code 2ki}. */
    static String binary(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        for (String p : BINARY) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return g4(v) + prefix;
    }

    /** A ratio as a percentage: 0.1234567 is {@code 12.35%}. */
    static String percentage(double v) {
        return g4(v * 100) + "%";
    }

    /** Seconds as {@code 1d 2h 3m 4s}, {@code 1.234s} or {@code 12.3ms}. */
    static String duration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        if (v == 0) {
            return g4(v) + "s";
        }
        if (Math.abs(v) >= 1) {
            String sign = "";
            if (v < 0) {
                sign = "-";
                v = -v;
            }
            long whole = (long) v;
            long seconds = whole % 60;
            long minutes = (whole / 60) % 60;
            long hours = (whole / 60 / 60) % 24;
            long days = whole / 60 / 60 / 24;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + g4(v) + "s";
        }
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix + "s";
    }

    /** Unix seconds as Go prints a UTC time: {@code 2015-06-23 13:19:44.128 +0000 UTC}. */
    static String timestamp(double v) throws GoError {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        return toTime(v).toString();
    }

    /**
     * Prometheus' float-to-time conversion: seconds to int64 nanoseconds, then truncated to milliseconds
     * (Prometheus' model.Time), as a {@code *time.Time}.
     */
    static GoTime toTime(double v) throws GoError {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new GoError("value is NaN or Inf");
        }
        double nanos = v * 1e9;
        if (nanos > 0x1p63 || nanos < -0x1p63) {
            throw new GoError(GoFloat.shortest(v) + " cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        long millis = ((long) nanos) / 1_000_000L;
        return new GoTime(java.time.Instant.ofEpochMilli(millis), true);
    }
}
