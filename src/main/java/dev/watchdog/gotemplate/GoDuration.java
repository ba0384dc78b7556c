package dev.watchdog.gotemplate;

/**
 * Go's {@code time.Duration} (nanoseconds), or a pointer to one ({@code toDuration} returns
 * {@code *time.Duration}). Prints as Go's {@code Duration.String()}, e.g. {@code 30m0s}, {@code 1.5s}, {@code 12ms}.
 */
record GoDuration(long nanos, boolean pointer) {

    private static final long SECOND = 1_000_000_000L;

    String typeName() {
        return pointer ? "*time.Duration" : "time.Duration";
    }

    GoDuration value() {
        return pointer ? new GoDuration(nanos, false) : this;
    }

    double seconds() {
        long sec = nanos / SECOND;
        long nsec = nanos % SECOND;
        return sec + nsec / 1e9;
    }

    @Override
    public String toString() {
        if (nanos == 0) {
            return "0s";
        }
        boolean neg = nanos < 0;
        // Work on the magnitude as an unsigned value so Long.MIN_VALUE survives.
        long u = neg ? -nanos : nanos;
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, SECOND) < 0) {
            String unit;
            int prec;
            if (u < 1_000L) {
                unit = "ns";
                prec = 0;
            } else if (u < 1_000_000L) {
                unit = "\u00b5s";
                prec = 3;
            } else {
                unit = "ms";
                prec = 6;
            }
            out.append(Long.toUnsignedString(Long.divideUnsigned(u, pow10(prec))));
            appendFraction(out, Long.remainderUnsigned(u, pow10(prec)), prec);
            out.append(unit);
        } else {
            long seconds = Long.divideUnsigned(u, SECOND);
            long fraction = Long.remainderUnsigned(u, SECOND);
            long minutes = seconds / 60;
            long hours = minutes / 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (minutes > 0) {
                out.append(minutes % 60).append('m');
            }
            out.append(seconds % 60);
            appendFraction(out, fraction, 9);
            out.append('s');
        }
        return (neg ? "-" : "") + out;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** ".123" for the fraction of 10^prec, without trailing zeros; nothing when zero. */
    private static void appendFraction(StringBuilder out, long fraction, int prec) {
        if (fraction == 0 || prec == 0) {
            return;
        }
        String digits = String.format("%0" + prec + "d", fraction);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        out.append('.').append(digits, 0, end);
    }
}
