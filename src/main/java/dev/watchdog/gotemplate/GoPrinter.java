package dev.watchdog.gotemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Prints one operand the way Go's fmt does for a verb and its flags ({@code %v}, {@code %5.2f}, {@code %-8s},
 * {@code %q}, {@code %x}...), including fmt's own error forms such as {@code %!d(float64=1.5)}.
 * {@link GoFmt} drives it for a whole format string.
 */
final class GoPrinter {

    private static final String LOWER_HEX = "0123456789abcdefx";
    private static final String UPPER_HEX = "0123456789ABCDEFX";

    final StringBuilder buf = new StringBuilder();

    boolean widPresent;
    boolean precPresent;
    boolean minus;
    boolean plus;
    boolean sharp;
    boolean space;
    boolean zero;
    boolean plusV;
    boolean sharpV;
    int wid;
    int prec;
    private boolean erroring;

    void clearFlags() {
        widPresent = precPresent = minus = plus = sharp = space = zero = plusV = sharpV = false;
        wid = prec = 0;
    }

    void printArg(Object arg, int verb) {
        if (arg == null) {
            if (verb == 'T' || verb == 'v') {
                padString("<nil>");
            } else {
                badVerb(verb, null);
            }
            return;
        }
        if (verb == 'T') {
            fmtS(GoValues.typeName(arg));
            return;
        }
        if (verb == 'p') {
            fmtPointer(arg, verb);
            return;
        }
        if (arg instanceof Boolean b) {
            fmtBool(b, verb, arg);
        } else if (arg instanceof Long l) {
            fmtInteger(l, verb, arg);
        } else if (arg instanceof Double d) {
            fmtFloat(d, verb, arg);
        } else if (arg instanceof String s) {
            fmtString(s, verb, arg);
        } else if (!handleMethods(arg, verb)) {
            printValue(arg, verb, 0);
        }
    }

    /** Stringers ({@code time.Time}, {@code time.Duration}) print through String() for the string verbs. */
    private boolean handleMethods(Object arg, int verb) {
        if (erroring || sharpV) {
            return false;
        }
        if (!(arg instanceof GoTime) && !(arg instanceof GoDuration)) {
            return false;
        }
        switch (verb) {
            case 'v', 's', 'x', 'X', 'q' -> {
                fmtString(arg.toString(), verb, arg);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void printValue(Object v, int verb, int depth) {
        if (depth > 0 && v != null && handleMethods(v, verb)) {
            return;
        }
        if (v == null) {
            buf.append(sharpV ? "interface {}(nil)" : "<nil>");
        } else if (v instanceof Boolean b) {
            fmtBool(b, verb, v);
        } else if (v instanceof Long l) {
            fmtInteger(l, verb, v);
        } else if (v instanceof Double d) {
            fmtFloat(d, verb, v);
        } else if (v instanceof String s) {
            fmtString(s, verb, v);
        } else if (v instanceof SafeHtml h) {
            fmtString(h.text(), verb, v);
        } else if (v instanceof GoMap m) {
            printMap(m, verb, depth);
        } else if (v instanceof QueryResult r) {
            printList(r, verb, depth);
        } else if (v instanceof Sample s) {
            // Go prints a nested pointer as an address; a stable "&{...}" says more and is what depth 0 shows.
            buf.append('&');
            printStruct(sharpV ? "template.sample" : "", new String[] {"Labels", "Value"},
                    new Object[] {s.labels(), s.value()}, verb, depth + 1);
        } else if (v instanceof AlertData d) {
            printStruct(sharpV ? AlertData.TYPE : "", AlertData.FIELDS,
                    new Object[] {d.labels(), d.externalLabels(), d.externalUrl(), d.value()}, verb, depth + 1);
        } else if (v instanceof GoDuration d && !d.pointer()) {
            fmtInteger(d.nanos(), verb, v);
        } else {
            fmtPointer(v, verb);
        }
    }

    private void printMap(GoMap m, int verb, int depth) {
        if (sharpV) {
            buf.append(m.typeName()).append('{');
        } else {
            buf.append("map[");
        }
        boolean first = true;
        for (Map.Entry<String, Object> e : m.entries().entrySet()) {
            if (!first) {
                buf.append(sharpV ? ", " : " ");
            }
            first = false;
            printValue(e.getKey(), verb, depth + 1);
            buf.append(':');
            printValue(e.getValue(), verb, depth + 1);
        }
        buf.append(sharpV ? '}' : ']');
    }

    private void printList(QueryResult r, int verb, int depth) {
        List<Sample> samples = r.samples();
        buf.append(sharpV ? QueryResult.TYPE + "{" : "[");
        for (int i = 0; i < samples.size(); i++) {
            if (i > 0) {
                buf.append(sharpV ? ", " : " ");
            }
            printValue(samples.get(i), verb, depth + 1);
        }
        buf.append(sharpV ? '}' : ']');
    }

    private void printStruct(String typeName, String[] names, Object[] values, int verb, int depth) {
        buf.append(typeName).append('{');
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                buf.append(sharpV ? ", " : " ");
            }
            if (plusV || sharpV) {
                buf.append(names[i]).append(':');
            }
            printValue(values[i], verb, depth);
        }
        buf.append('}');
    }

    private void fmtPointer(Object v, int verb) {
        if (verb == 'v' || verb == 'p' || verb == 'b' || verb == 'o' || verb == 'd' || verb == 'x' || verb == 'X') {
            // Addresses are meaningless outside the process; print a fixed one.
            padString(sharpV ? "(" + GoValues.typeName(v) + ")(0xc000000000)" : "0xc000000000");
        } else {
            badVerb(verb, v);
        }
    }

    private void badVerb(int verb, Object value) {
        erroring = true;
        buf.append("%!").appendCodePoint(verb).append('(');
        if (value != null) {
            buf.append(GoValues.typeName(value)).append('=');
            printArg(value, 'v');
        } else {
            buf.append("<nil>");
        }
        buf.append(')');
        erroring = false;
    }

    private void fmtBool(boolean b, int verb, Object arg) {
        if (verb == 't' || verb == 'v') {
            padString(b ? "true" : "false");
        } else {
            badVerb(verb, arg);
        }
    }

    private void fmtString(String s, int verb, Object arg) {
        switch (verb) {
            case 'v' -> {
                if (sharpV) {
                    fmtQ(s);
                } else {
                    fmtS(s);
                }
            }
            case 's' -> fmtS(s);
            case 'x' -> fmtSx(s, LOWER_HEX);
            case 'X' -> fmtSx(s, UPPER_HEX);
            case 'q' -> fmtQ(s);
            default -> badVerb(verb, arg);
        }
    }

    private void fmtS(String s) {
        padString(truncate(s));
    }

    private String truncate(String s) {
        if (precPresent) {
            int n = prec;
            for (int i = 0; i < s.length(); ) {
                if (n-- <= 0) {
                    return s.substring(0, i);
                }
                i += Character.charCount(s.codePointAt(i));
            }
        }
        return s;
    }

    private void fmtQ(String s) {
        s = truncate(s);
        if (sharp && GoStrings.canBackquote(s)) {
            padString("`" + s + "`");
        } else {
            padString(GoStrings.quote(s, plus));
        }
    }

    private void fmtSx(String s, String digits) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int length = bytes.length;
        if (precPresent && prec < length) {
            length = prec;
        }
        int width = 2 * length;
        if (width > 0) {
            if (space) {
                if (sharp) {
                    width *= 2;
                }
                width += length - 1;
            } else if (sharp) {
                width += 2;
            }
        } else {
            if (widPresent) {
                writePadding(wid);
            }
            return;
        }
        if (widPresent && wid > width && !minus) {
            writePadding(wid - width);
        }
        if (sharp) {
            buf.append('0').append(digits.charAt(16));
        }
        for (int i = 0; i < length; i++) {
            if (space && i > 0) {
                buf.append(' ');
                if (sharp) {
                    buf.append('0').append(digits.charAt(16));
                }
            }
            int c = bytes[i] & 0xFF;
            buf.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xF));
        }
        if (widPresent && wid > width && minus) {
            writePadding(wid - width);
        }
    }

    private void fmtInteger(long v, int verb, Object arg) {
        switch (verb) {
            case 'v' -> integer(v, 10, verb, LOWER_HEX);
            case 'd' -> integer(v, 10, verb, LOWER_HEX);
            case 'b' -> integer(v, 2, verb, LOWER_HEX);
            case 'o', 'O' -> integer(v, 8, verb, LOWER_HEX);
            case 'x' -> integer(v, 16, verb, LOWER_HEX);
            case 'X' -> integer(v, 16, verb, UPPER_HEX);
            case 'c' -> pad(runeString(v));
            case 'q' -> pad(GoStrings.quoteRune(v, plus));
            case 'U' -> unicode(v);
            default -> badVerb(verb, arg);
        }
    }

    private static String runeString(long v) {
        boolean valid = v >= 0 && v <= Character.MAX_CODE_POINT && !(v >= 0xD800 && v <= 0xDFFF);
        return new String(Character.toChars(valid ? (int) v : 0xFFFD));
    }

    private void integer(long v, int base, int verb, String digits) {
        boolean negative = v < 0;
        long u = negative ? -v : v; // unsigned magnitude; Long.MIN_VALUE stays itself, read unsigned
        int precision = 0;
        if (precPresent) {
            precision = prec;
            if (precision == 0 && u == 0) {
                boolean oldZero = zero;
                zero = false;
                writePadding(wid);
                zero = oldZero;
                return;
            }
        } else if (zero && !minus && widPresent) {
            precision = wid;
            if (negative || plus || space) {
                precision--;
            }
        }
        String magnitude = Long.toUnsignedString(u, base);
        if (digits == UPPER_HEX) {
            magnitude = magnitude.toUpperCase(java.util.Locale.ROOT);
        }
        StringBuilder number = new StringBuilder();
        for (int i = magnitude.length(); i < precision; i++) {
            number.append('0');
        }
        number.append(magnitude);
        if (sharp) {
            switch (base) {
                case 2 -> number.insert(0, "0b");
                case 8 -> {
                    if (number.charAt(0) != '0') {
                        number.insert(0, '0');
                    }
                }
                case 16 -> number.insert(0, "0" + digits.charAt(16));
                default -> {
                }
            }
        }
        if (verb == 'O') {
            number.insert(0, "0o");
        }
        if (negative) {
            number.insert(0, '-');
        } else if (plus) {
            number.insert(0, '+');
        } else if (space) {
            number.insert(0, ' ');
        }
        boolean oldZero = zero;
        zero = false;
        pad(number.toString());
        zero = oldZero;
    }

    private void unicode(long u) {
        int precision = precPresent && prec > 4 ? prec : 4;
        String hex = Long.toUnsignedString(u, 16).toUpperCase(java.util.Locale.ROOT);
        StringBuilder number = new StringBuilder("U+");
        for (int i = hex.length(); i < precision; i++) {
            number.append('0');
        }
        number.append(hex);
        if (sharp && u >= 0 && u <= Character.MAX_CODE_POINT && GoStrings.isPrint((int) u)) {
            number.append(" '").appendCodePoint((int) u).append('\'');
        }
        boolean oldZero = zero;
        zero = false;
        pad(number.toString());
        zero = oldZero;
    }

    private void fmtFloat(double v, int verb, Object arg) {
        switch (verb) {
            case 'v' -> formatFloat(v, 'g', -1);
            case 'b', 'g', 'G', 'x', 'X' -> formatFloat(v, (char) verb, -1);
            case 'f', 'e', 'E' -> formatFloat(v, (char) verb, 6);
            case 'F' -> formatFloat(v, 'f', 6);
            default -> badVerb(verb, arg);
        }
    }

    private void formatFloat(double v, char verb, int defaultPrec) {
        int precision = precPresent ? prec : defaultPrec;
        String formatted = switch (verb) {
            case 'b' -> GoFloatBits.binary(v);
            case 'x', 'X' -> GoFloatBits.hex(v, precision, verb);
            default -> GoFloat.format(v, verb, precision);
        };
        StringBuilder num = new StringBuilder(formatted.length() + 1);
        if (formatted.startsWith("-") || formatted.startsWith("+")) {
            num.append(formatted);
        } else {
            num.append('+').append(formatted);
        }
        if (space && num.charAt(0) == '+' && !plus) {
            num.setCharAt(0, ' ');
        }
        if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
            boolean oldZero = zero;
            zero = false;
            if (num.charAt(1) == 'N' && !space && !plus) {
                num.deleteCharAt(0);
            }
            pad(num.toString());
            zero = oldZero;
            return;
        }
        if (sharp && verb != 'b') {
            sharpFloat(num, verb, precision);
        }
        if (plus || num.charAt(0) != '+') {
            if (zero && !minus && widPresent && wid > num.length()) {
                buf.append(num.charAt(0));
                writePadding(wid - num.length());
                buf.append(num, 1, num.length());
                return;
            }
            pad(num.toString());
            return;
        }
        pad(num.substring(1));
    }

    /** The {@code #} flag on floats: always a decimal point, and %g keeps its trailing zeros. */
    private static void sharpFloat(StringBuilder num, char verb, int precision) {
        int digits = 0;
        if (verb == 'g' || verb == 'G' || verb == 'x') {
            digits = precision == -1 ? 6 : precision;
        }
        String tail = "";
        boolean hasDecimalPoint = false;
        boolean sawNonzeroDigit = false;
        for (int i = 1; i < num.length(); i++) {
            char c = num.charAt(i);
            if (c == '.') {
                hasDecimalPoint = true;
            } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
                tail = num.substring(i);
                num.setLength(i);
                break;
            } else {
                if (c != '0') {
                    sawNonzeroDigit = true;
                }
                if (sawNonzeroDigit) {
                    digits--;
                }
            }
        }
        if (!hasDecimalPoint) {
            if (num.length() == 2 && num.charAt(1) == '0') {
                digits--;
            }
            num.append('.');
        }
        for (; digits > 0; digits--) {
            num.append('0');
        }
        num.append(tail);
    }

    void padString(String s) {
        pad(s);
    }

    private void pad(String s) {
        if (!widPresent || wid == 0) {
            buf.append(s);
            return;
        }
        int width = wid - s.codePointCount(0, s.length());
        if (!minus) {
            writePadding(width);
            buf.append(s);
        } else {
            buf.append(s);
            writePadding(width);
        }
    }

    private void writePadding(int n) {
        char padChar = zero && !minus ? '0' : ' ';
        for (int i = 0; i < n; i++) {
            buf.append(padChar);
        }
    }
}
