package dev.watchdog.gotemplate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go's string helpers that templates rely on: ordering, quoting, escaping and case mapping. Quoting is public:
 * the PromQL parser words its messages with it, as Prometheus does.
 */
public final class GoStrings {

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();

    private GoStrings() {
    }

    /** Go's {@code <} on strings: byte order of the UTF-8 encodings, i.e. code point order. */
    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** {@code len(s)}: the number of UTF-8 bytes. */
    static int byteLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** Go's {@code %#U} form of a rune: {@code U+0041 'A'}, or just {@code U+00A0} when not printable. */
    public static String describeRune(int cp) {
        String code = String.format("U+%04X", cp);
        return isPrint(cp) ? code + " '" + new String(Character.toChars(cp)) + "'" : code;
    }

    /** {@code strconv.Quote} ({@code asciiOnly=false}) or {@code strconv.QuoteToASCII}. */
    public static String quote(String s, boolean asciiOnly) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendEscaped(out, cp, '"', asciiOnly));
        return out.append('"').toString();
    }

    /** {@code strconv.QuoteRune} / {@code QuoteRuneToASCII}. */
    public static String quoteRune(long r, boolean asciiOnly) {
        int cp = r < 0 || r > Character.MAX_CODE_POINT || (r >= 0xD800 && r <= 0xDFFF) ? 0xFFFD : (int) r;
        StringBuilder out = new StringBuilder().append('\'');
        appendEscaped(out, cp, '\'', asciiOnly);
        return out.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder out, int cp, char quote, boolean asciiOnly) {
        if (cp == quote || cp == '\\') {
            out.append('\\').appendCodePoint(cp);
            return;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD; // a lone surrogate is not valid UTF-8; Go would see a bad byte sequence
        }
        if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) {
            out.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (cp < ' ' || cp == 0x7f) {
                    out.append("\\x").append(HEX_LOWER[cp >> 4]).append(HEX_LOWER[cp & 0xF]);
                } else if (cp < 0x10000) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    /** {@code strconv.CanBackquote}. */
    static boolean canBackquote(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '`' || cp == 0xFEFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            if (cp < ' ' && cp != '\t' || cp == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code strconv.Unquote} for the three literal forms of the template language.
     *
     * @return the text, or {@code null} for Go's "invalid syntax"
     */
    static String unquote(String literal) {
        if (literal.length() < 2) {
            return null;
        }
        char q = literal.charAt(0);
        if (q != literal.charAt(literal.length() - 1)) {
            return null;
        }
        String body = literal.substring(1, literal.length() - 1);
        if (q == '`') {
            return body.indexOf('`') >= 0 ? null : body.replace("\r", "");
        }
        if (q != '"' && q != '\'') {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int runes = 0;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == q || c == '\n') {
                return null;
            }
            runes++;
            if (c != '\\') {
                int cp = body.codePointAt(i);
                i += Character.charCount(cp);
                writeUtf8(bytes, cp);
                continue;
            }
            if (i + 1 >= body.length()) {
                return null;
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> bytes.write(0x07);
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(0x0B);
                case '\\' -> bytes.write('\\');
                case '"', '\'' -> {
                    if (e != q) {
                        return null;
                    }
                    bytes.write(e);
                }
                case 'x', 'u', 'U' -> {
                    int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + len > body.length()) {
                        return null;
                    }
                    long v = parseHex(body.substring(i, i + len));
                    i += len;
                    if (v < 0) {
                        return null;
                    }
                    if (e == 'x') {
                        if (q == '\'') {
                            writeUtf8(bytes, (int) v);
                        } else {
                            bytes.write((int) v);
                        }
                    } else {
                        if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
                            return null;
                        }
                        writeUtf8(bytes, (int) v);
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 2 > body.length()) {
                        return null;
                    }
                    String oct = e + body.substring(i, i + 2);
                    i += 2;
                    int v = 0;
                    for (char o : oct.toCharArray()) {
                        if (o < '0' || o > '7') {
                            return null;
                        }
                        v = v * 8 + (o - '0');
                    }
                    if (v > 255) {
                        return null;
                    }
                    bytes.write(v);
                }
                default -> {
                    return null;
                }
            }
        }
        if (q == '\'' && runes != 1) {
            return null;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static long parseHex(String s) {
        long v = 0;
        for (char c : s.toCharArray()) {
            int d = Character.digit(c, 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static void writeUtf8(ByteArrayOutputStream bytes, int cp) {
        byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
    }

    /** {@code url.QueryEscape}: keeps {@code A-Z a-z 0-9 - _ . ~}, space becomes {@code +}. */
    static String queryEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** {@code template.HTMLEscapeString}. */
    static String htmlEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 0 -> out.append('\uFFFD');
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code template.JSEscapeString}. */
    static String jsEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '<' -> out.append("\\u003C");
                case '>' -> out.append("\\u003E");
                case '&' -> out.append("\\u0026");
                case '=' -> out.append("\\u003D");
                default -> {
                    if (cp < ' ') {
                        out.append("\\u00").append(HEX_UPPER[cp >> 4]).append(HEX_UPPER[cp & 0xF]);
                    } else if (cp < 0x80 || isPrint(cp)) {
                        out.appendCodePoint(cp);
                    } else {
                        out.append(String.format("\\u%04X", cp));
                    }
                }
            }
        }
        return out.toString();
    }

    /** {@code strings.ToUpper}: simple per-rune mapping (so {@code ß} stays {@code ß}). */
    static String toUpper(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.toUpperCase(cp)));
        return out.toString();
    }

    /** {@code strings.ToLower}: simple per-rune mapping. */
    static String toLower(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
        return out.toString();
    }
}
