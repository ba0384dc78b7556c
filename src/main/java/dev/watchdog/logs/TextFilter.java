package dev.watchdog.logs;

import java.util.Locale;
import com.google.re2j.Pattern;

/** Whether an entry's text matches the query text: a case-insensitive substring or regex. */
abstract class TextFilter {

    /** Matches everything: no text asked for, or the server has already matched it. */
    static final TextFilter ALL = new TextFilter() {
        @Override
        boolean matches(String text) {
            return true;
        }
    };

    static TextFilter of(LogQuery query) {
        if (query.text().isEmpty()) {
            return ALL;
        }
        if (query.isRegex()) {
            return new RegexFilter(Pattern.compile(query.regex(), Pattern.CASE_INSENSITIVE));
        }
        return new SubstringFilter(query.text().toLowerCase(Locale.ROOT));
    }

    abstract boolean matches(String text);

    /** Compares in place instead of lower-casing every entry: no copy of each line read. */
    private static final class SubstringFilter extends TextFilter {
        private final String needle;
        private final char firstLower;
        private final char firstUpper;

        SubstringFilter(String needle) {
            this.needle = needle;
            this.firstLower = Character.toLowerCase(needle.charAt(0));
            this.firstUpper = Character.toUpperCase(needle.charAt(0));
        }

        @Override
        boolean matches(String text) {
            int last = text.length() - needle.length();
            for (int i = 0; i <= last; i++) {
                char c = text.charAt(i);
                if ((c == firstLower || c == firstUpper)
                        && text.regionMatches(true, i, needle, 0, needle.length())) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The pattern comes from the model, the text from a log. RE2 matches in time linear in the
     * line, so no pattern can backtrack for hours; the scan checks for its timeout between lines.
     */
    private static final class RegexFilter extends TextFilter {
        private final Pattern pattern;

        RegexFilter(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        boolean matches(String text) {
            return pattern.matcher(text).find();
        }
    }

    /** Thrown out of a search whose thread was interrupted (the search ran past its timeout). */
    static final class SearchCancelled extends RuntimeException {
        SearchCancelled() {
            super("the search was cancelled", null, false, false);
        }
    }
}
