package dev.watchdog.gotemplate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat} for float64 with the formats {@code 'e' 'E' 'f' 'g' 'G'}.
 *
 * <p>A precision of -1 asks for the shortest decimal that reads back as the same double (Go's {@code %v});
 * otherwise digits are rounded half-to-even on the exact binary value, as Go does. Works on
 * {@link BigDecimal} so it does not depend on {@link Double#toString}, which is not shortest on Java 17.
 */
final class GoFloat {

    private GoFloat() {
    }

    /** Go's {@code %v} of a float64, e.g. {@code 0.1}, {@code 1e+06}, {@code 1.5e-07}, {@code +Inf}. */
    static String shortest(double v) {
        return format(v, 'g', -1);
    }

    /** {@code strconv.FormatFloat(v, fmt, prec, 64)}. */
    static String format(double v, char fmt, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        double abs = Math.abs(v);
        boolean shortest = prec < 0;
        Digits digits;
        if (shortest) {
            digits = shortestDigits(abs);
            prec = switch (fmt) {
                case 'e', 'E' -> Math.max(digits.nd() - 1, 0);
                case 'f' -> Math.max(digits.nd() - digits.dp(), 0);
                default -> digits.nd();
            };
        } else {
            digits = switch (fmt) {
                case 'e', 'E' -> significant(abs, prec + 1);
                case 'f' -> fixed(abs, prec);
                default -> {
                    if (prec == 0) {
                        prec = 1;
                    }
                    yield significant(abs, prec);
                }
            };
        }
        StringBuilder out = new StringBuilder(24);
        if (neg) {
            out.append('-');
        }
        switch (fmt) {
            case 'e', 'E' -> appendE(out, digits, prec, fmt);
            case 'f' -> appendF(out, digits, prec);
            case 'g', 'G' -> {
                int eprec = prec;
                if (eprec > digits.nd() && digits.nd() >= digits.dp()) {
                    eprec = digits.nd();
                }
                if (shortest) {
                    eprec = 6;
                }
                int exp = digits.dp() - 1;
                if (exp < -4 || exp >= eprec) {
                    if (prec > digits.nd()) {
                        prec = digits.nd();
                    }
                    appendE(out, digits, prec - 1, fmt == 'g' ? 'e' : 'E');
                } else {
                    if (prec > digits.dp()) {
                        prec = digits.nd();
                    }
                    appendF(out, digits, Math.max(prec - digits.dp(), 0));
                }
            }
            default -> throw new IllegalArgumentException("unsupported float format " + fmt);
        }
        return out.toString();
    }

    /** Decimal digits without trailing zeros; the value is 0.d1d2d3... * 10^dp. Zero has no digits. */
    record Digits(String d, int dp) {
        int nd() {
            return d.length();
        }
    }

    static Digits shortestDigits(double abs) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        if (abs < 0x1p53 && abs == Math.rint(abs)) {
            // Below 2^53 every integer is a distinct double, so its own digits are the shortest form.
            return digitsOf(BigDecimal.valueOf((long) abs));
        }
        BigDecimal exact = new BigDecimal(abs);
        // Reading back is monotonic in the digit count (p digits work => p+1 do), so search for the least p.
        int lo = 1;
        int hi = 17;
        BigDecimal best = candidate(exact, abs, 17);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            BigDecimal c = candidate(exact, abs, mid);
            if (c != null) {
                best = c;
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (best == null) {
            best = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        return digitsOf(best);
    }

    /** The p-digit decimal nearest to the exact value that reads back as v, or null if none does. */
    private static BigDecimal candidate(BigDecimal exact, double v, int p) {
        BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
        boolean downOk = readsBack(down, v);
        boolean upOk = readsBack(up, v);
        if (downOk && upOk) {
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            return cmp < 0 ? down : cmp > 0 ? up : exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        }
        return downOk ? down : upOk ? up : null;
    }

    private static boolean readsBack(BigDecimal candidate, double v) {
        return Double.parseDouble(candidate.toString()) == v;
    }

    private static Digits significant(double abs, int n) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        return digitsOf(new BigDecimal(abs).round(new MathContext(n, RoundingMode.HALF_EVEN)));
    }

    private static Digits fixed(double abs, int decimals) {
        return digitsOf(new BigDecimal(abs).setScale(decimals, RoundingMode.HALF_EVEN));
    }

    private static Digits digitsOf(BigDecimal value) {
        if (value.signum() == 0) {
            return new Digits("", 0);
        }
        BigDecimal stripped = value.stripTrailingZeros();
        String unscaled = stripped.unscaledValue().abs().toString();
        return new Digits(unscaled, unscaled.length() - stripped.scale());
    }

    /** %e: d.ddddde±dd */
    private static void appendE(StringBuilder out, Digits digits, int prec, char fmt) {
        String d = digits.d();
        int nd = d.length();
        out.append(nd == 0 ? '0' : d.charAt(0));
        if (prec > 0) {
            out.append('.');
            int i = 1;
            int m = Math.min(nd, prec + 1);
            if (i < m) {
                out.append(d, i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                out.append('0');
            }
        }
        out.append(fmt);
        int exp = nd == 0 ? 0 : digits.dp() - 1;
        out.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            out.append('0').append(exp);
        } else {
            out.append(exp);
        }
    }

    /** %f: ddd.ddd */
    private static void appendF(StringBuilder out, Digits digits, int prec) {
        String d = digits.d();
        int nd = d.length();
        int dp = digits.dp();
        if (dp > 0) {
            int m = Math.min(nd, dp);
            out.append(d, 0, m);
            for (; m < dp; m++) {
                out.append('0');
            }
        } else {
            out.append('0');
        }
        if (prec > 0) {
            out.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = dp + i - 1;
                out.append(j >= 0 && j < nd ? d.charAt(j) : '0');
            }
        }
    }
}
