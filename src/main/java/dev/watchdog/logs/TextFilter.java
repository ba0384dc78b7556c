package dev.watchdog.logs;

import java.util.Locale;
import java.util.regex.Pattern;

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
            return new RegexFilter(Pattern.compile(query.regex(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
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
     * The pattern comes from the model, the text from a log: a pattern that backtracks badly could
     * run for hours. Matching goes through a text that checks for interruption, so the per-source
     * timeout of {@link LogSources} really stops it.
     */
    private static final class RegexFilter extends TextFilter {
        private final Pattern pattern;

        RegexFilter(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        boolean matches(String text) {
            return pattern.matcher(new InterruptibleText(text)).find();
        }
    }

    /** A CharSequence that ends a regex scan by throwing when its thread has been interrupted. */
    private static final class InterruptibleText implements CharSequence {
        private final String text;
        private int reads;

        InterruptibleText(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            // Checking the flag on every read would slow ordinary matching down for nothing.
            if ((++reads & 0xfff) == 0 && Thread.currentThread().isInterrupted()) {
                throw new SearchCancelled();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new InterruptibleText(text.substring(start, end));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Thrown out of a search whose thread was interrupted (the search ran past its timeout). */
    static final class SearchCancelled extends RuntimeException {
        SearchCancelled() {
            super("the search was cancelled", null, false, false);
        }
    }
}
