package dev.watchdog.logs;

import dev.watchdog.gotemplate.GoRegex;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One log search: entries in {@code [end - window, end)} whose text contains {@code text}. The end is
 * excluded, as Loki does, so that consecutive windows never count an entry twice.
 *
 * @param text   a case-insensitive substring, or {@code /regex/} for a (case-insensitive) regular
 *               expression; empty or null matches every entry
 * @param window how far back from {@code end} to look; must be positive
 * @param level  minimum severity ({@code warn} means warnings, errors and fatals), or null for all
 * @param end    the end of the window; null means "now" on the searching source's clock
 */
public record LogQuery(String text, Duration window, String level, Instant end) {

    public LogQuery {
        text = text == null ? "" : text;
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the search window must be positive, was " + window);
        }
        if (level != null && level.isBlank()) {
            level = null;
        }
        if (level != null && LogLevel.parse(level).filter(parsed -> parsed != LogLevel.UNKNOWN).isEmpty()) {
            throw new IllegalArgumentException("\"" + level + "\" is not a log level (allowed: " + LogLevel.ALLOWED + ")");
        }
        if (isRegex(text)) {
            // RE2, as Loki's |~ and Prometheus use: one dialect for every source, and no regex that backtracks for hours
            Optional<String> error = GoRegex.syntaxError(regexOf(text));
            if (error.isPresent()) {
                throw new IllegalArgumentException("\"" + text + "\" is not a valid regular expression (RE2): "
                        + error.get());
            }
        }
    }

    /** True for {@code /regex/}: a slash at both ends and something between them. */
    public boolean isRegex() {
        return isRegex(text);
    }

    /** The regular expression between the slashes; only meaningful when {@link #isRegex()}. */
    public String regex() {
        return regexOf(text);
    }

    public Optional<LogLevel> minimumLevel() {
        return Optional.ofNullable(level).map(LogLevel::of);
    }

    /** The start of the window; requires {@code end}. */
    public Instant start() {
        return end.minus(window);
    }

    /** This query with {@code end} filled in when it was left open. */
    public LogQuery endingAtIfOpen(Instant now) {
        return end != null ? this : new LogQuery(text, window, level, now);
    }

    private static boolean isRegex(String text) {
        return text.length() >= 3 && text.startsWith("/") && text.endsWith("/");
    }

    private static String regexOf(String text) {
        return text.substring(1, text.length() - 1);
    }
}
