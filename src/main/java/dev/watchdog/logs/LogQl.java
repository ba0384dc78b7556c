package dev.watchdog.logs;

import java.util.stream.Collectors;

/**
 * Builds the LogQL for a search. The search text comes from the model and may contain anything, so it
 * only ever appears inside a LogQL string literal, escaped the way Loki reads string literals (Go's
 * rules): a quote or backslash in the text cannot end the string and add pipeline stages.
 */
final class LogQl {

    private static final String REGEX_META = "\\.+*?()|[]{}^$";

    private LogQl() {
    }

    /**
     * {@code selector |~ "(?i)text"}: Loki's {@code |=} is case-sensitive, so a case-insensitive
     * substring becomes a case-insensitive regex of the escaped text (Loki turns that back into a
     * fast substring match). With a level, a second filter keeps lines containing a level word at that
     * level or worse; the exact level is then checked on each returned line.
     */
    static String query(String selector, LogQuery query) {
        StringBuilder logql = new StringBuilder(selector.strip());
        if (!query.text().isEmpty()) {
            String regex = query.isRegex() ? query.regex() : quoteMeta(query.text());
            logql.append(" |~ ").append(string("(?i)" + regex));
        }
        query.minimumLevel().ifPresent(minimum -> logql.append(" |~ ").append(string("(?i)\\b(?:"
                + LogLevel.atLeastLevels(minimum).stream()
                        .flatMap(level -> level.spellings().stream())
                        .collect(Collectors.joining("|"))
                + ")\\b")));
        return logql.toString();
    }

    /** A LogQL (Go) double-quoted string literal holding exactly {@code text}. */
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isSurrogate(c) && !isPair(text, i)) {
                        out.append('\ufffd'); // half a character cannot be encoded in UTF-8
                    } else {
                        out.append(c);
                        if (Character.isHighSurrogate(c)) {
                            out.append(text.charAt(++i));
                        }
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The text as an RE2 regex matching it literally (like Go's regexp.QuoteMeta). */
    static String quoteMeta(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (REGEX_META.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isPair(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
}
