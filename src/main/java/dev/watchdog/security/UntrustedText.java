package dev.watchdog.security;

/**
 * Makes text from logs and remote servers safe to show: invisible and layout-changing characters
 * (terminal escapes, carriage returns, bidirectional overrides) cannot hide or reorder what a reader
 * or the model sees. Line breaks stay, so stack traces keep their shape.
 */
public final class UntrustedText {

    private UntrustedText() {
    }

    public static String sanitise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
    }

    /** Null keeps the character. */
    private static String replacement(char c) {
        if (c == '\n') {
            return null;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
            return " ";
        }
        if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f'
                || c == '\ufeff') {
            return "";
        }
        return null;
    }

    /** At most {@code max} characters, cut with "..." so a reader sees that something is missing. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 3;
        // Never split a surrogate pair: half a character is not valid UTF-8 later on.
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "...";
    }
}
