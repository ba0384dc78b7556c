package dev.watchdog.gotemplate;

import java.util.Locale;

/**
 * Prometheus' {@code title}: {@code cases.Title(language.AmericanEnglish, cases.NoLower)} from golang.org/x/text.
 *
 * <p>The first cased letter of each word is title-cased and the rest is left alone. Words follow x/text's
 * approximation of Unicode word breaking: letters, digits, marks and {@code _} continue a word; a single
 * "mid" character ({@code . : '} and friends) between them does too; anything else starts a new word.
 * So {@code "hello-world"} becomes {@code "Hello-World"}, {@code "foo_bar"} and {@code "foo.bar"} keep one
 * capital, and {@code "1st"} becomes {@code "1St"}, as in Go.
 */
final class TitleCase {

    private TitleCase() {
    }

    static String apply(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean midWord = false;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean wasMid = isMid(cp);
            if (isCased(cp)) {
                if (!midWord) {
                    out.append(titleOf(cp));
                    midWord = true;
                } else {
                    out.appendCodePoint(cp);
                }
            } else {
                out.appendCodePoint(cp);
                if (isBreak(cp)) {
                    midWord = false;
                }
            }
            if (wasMid && i < s.length() && isMid(s.codePointAt(i))) {
                midWord = false;
            }
        }
        return out.toString();
    }

    private static String titleOf(int cp) {
        int title = Character.toTitleCase(cp);
        if (title != cp) {
            return new String(Character.toChars(title));
        }
        String upper = new String(Character.toChars(cp)).toUpperCase(Locale.ROOT);
        if (upper.codePointCount(0, upper.length()) > 1) {
            // Full mappings such as the ligature U+FB01 -> "Fi": first letter upper, the rest lower.
            int first = upper.codePointAt(0);
            return new String(Character.toChars(first)) + upper.substring(Character.charCount(first)).toLowerCase(Locale.ROOT);
        }
        return new String(Character.toChars(cp));
    }

    private static boolean isCased(int cp) {
        return Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
    }

    /** MidLetter, MidNumLet and Single_Quote word-break classes. */
    private static boolean isMid(int cp) {
        return switch (cp) {
            case '.', ':', '\'', 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2018, 0x2019, 0x2024, 0x2027,
                    0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A -> true;
            default -> false;
        };
    }

    /** Anything that is neither part of a word (letters, digits, marks, connectors, format) nor a mid character. */
    private static boolean isBreak(int cp) {
        if (isMid(cp) || cp == 0x200D) {
            return false;
        }
        if (Character.isIdeographic(cp)) {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.CONNECTOR_PUNCTUATION, Character.FORMAT -> false;
            default -> true;
        };
    }
}
