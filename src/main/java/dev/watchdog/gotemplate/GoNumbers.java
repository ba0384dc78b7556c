package dev.watchdog.gotemplate;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Go's {@code strconv} number parsing, as number literals and {@code ParseFloat} callers need it (the PromQL
 * parser reads its numbers this way too).
 */
public final class GoNumbers {

    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX_FLOAT =
            Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");

    private GoNumbers() {
    }

    /** {@code strconv.ParseFloat(s, 64)}, with its error messages. */
    static double parseFloat(String s) throws GoError {
        Double value = tryParseFloat(s);
        if (value == null) {
            throw new GoError("strconv.ParseFloat: parsing " + GoStrings.quote(s, false) + ": invalid syntax");
        }
        if (value.isInfinite() && !INFINITY.matcher(s).matches()) {
            throw new GoError("strconv.ParseFloat: parsing " + GoStrings.quote(s, false) + ": value out of range");
        }
        return value;
    }

    /** The float64 nearest to s, or null when s is not Go float syntax. Out-of-range values give ±Inf. */
    public static Double tryParseFloat(String s) {
        if (INFINITY.matcher(s).matches()) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (s.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (DECIMAL_FLOAT.matcher(s).matches() || HEX_FLOAT.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        return null;
    }

    /** {@code strconv.ParseInt(s, 0, 64)}: base prefixes 0x 0o 0b and a leading 0 for octal; null when invalid or too big. */
    public static Long parseInt(String s) {
        BigInteger value = parseInteger(s);
        return value != null && value.bitLength() < 64 ? value.longValue() : null;
    }

    /** Whether s is an integer that only fits Go's uint64 ({@code strconv.ParseUint(s, 0, 64)}). */
    static boolean isUint64Only(String s) {
        BigInteger value = parseInteger(s);
        return value != null && value.signum() > 0 && value.bitLength() == 64;
    }

    /** An integer in Go's base-0 syntax, any size; null when not an integer. */
    private static BigInteger parseInteger(String s) {
        String digits = s;
        boolean negative = false;
        if (digits.startsWith("+") || digits.startsWith("-")) {
            negative = digits.startsWith("-");
            digits = digits.substring(1);
        }
        int radix = 10;
        String lower = digits.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            digits = digits.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.startsWith("_")) {
            digits = digits.substring(1); // "0x_1F" is allowed after a prefix
        }
        if (digits.isEmpty() || digits.endsWith("_") || digits.contains("__")) {
            return null;
        }
        digits = digits.replace("_", "");
        try {
            BigInteger value = new BigInteger(digits, radix);
            return negative ? value.negate() : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
