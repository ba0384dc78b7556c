package dev.watchdog.promql;

import dev.watchdog.gotemplate.GoStrings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The escapes of PromQL strings, which are Go's: {@code \n}, {@code \x41}, {@code \101}, {@code \u00e9},
 * {@code \U0001F600}, and the string's own quote. {@code \x} and octal escapes are bytes, so consecutive ones
 * spell UTF-8 ({@code "\xc3\xa9"} is "é").
 */
final class Escapes {

    private final StringBuilder out;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Escapes(StringBuilder out) {
        this.out = out;
    }

    /**
     * Reads one escape after its backslash and appends what it stands for.
     *
     * @return Prometheus' message when the escape is invalid, otherwise null
     */
    String read(StringReader reader, char quote) {
        int c = reader.next();
        String simple = switch (c) {
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'v' -> "\u000B";
            case '\\' -> "\\";
            default -> c == quote ? String.valueOf(quote) : null;
        };
        if (simple != null) {
            flush();
            out.append(simple);
            return null;
        }
        int digits;
        int base = 16;
        long max = Character.MAX_CODE_POINT;
        switch (c) {
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                digits = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                digits = 2;
                max = 255;
                c = reader.next();
            }
            case 'u' -> {
                digits = 4;
                c = reader.next();
            }
            case 'U' -> {
                digits = 8;
                c = reader.next();
            }
            case StringReader.EOF -> {
                return "escape sequence not terminated";
            }
            default -> {
                return "unknown escape sequence " + GoStrings.describeRune(c);
            }
        }
        long value = 0;
        for (int left = digits; left > 0; left--) {
            int digit = c == StringReader.EOF ? 99 : Character.digit(c, 16);
            if (digit < 0 || digit >= base) {
                return c == StringReader.EOF ? "escape sequence not terminated"
                        : "illegal character " + GoStrings.describeRune(c) + " in escape sequence";
            }
            value = value * base + digit;
            if (left > 1) {
                c = reader.next();
            }
        }
        if (value > max || value >= 0xD800 && value < 0xE000) {
            return "escape sequence is an invalid Unicode code point";
        }
        if (max == 255) {
            bytes.write((int) value);
        } else {
            flush();
            out.appendCodePoint((int) value);
        }
        return null;
    }

    /** Turns pending byte escapes into text; called before any other character is appended. */
    void flush() {
        if (bytes.size() > 0) {
            out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
            bytes.reset();
        }
    }
}
