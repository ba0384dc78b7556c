package dev.watchdog.logs;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Severity of a log entry, most severe first. Applications spell levels in many ways
 * ({@code WARNING}, {@code err}, {@code CRIT}, {@code SEVERE}); every spelling maps to one of these
 * so that counts from files, Loki and Elasticsearch add up.
 */
public enum LogLevel {
    FATAL("fatal", "critical", "crit", "panic", "emerg", "emergency", "alert"),
    ERROR("error", "err", "severe"),
    WARN("warn", "warning"),
    INFO("info", "information", "informational", "notice"),
    DEBUG("debug", "dbg", "fine"),
    TRACE("trace", "finer", "finest"),
    /** No level could be read: a line without a level word, or a spelling not listed here. */
    UNKNOWN();

    /** The level names a user (or the model) may ask for. */
    public static final String ALLOWED = "trace, debug, info, warn, error, fatal";

    private static final Map<String, LogLevel> BY_SPELLING;

    static {
        HashMap<String, LogLevel> bySpelling = new HashMap<>();
        for (LogLevel level : values()) {
            for (String spelling : level.spellings) {
                bySpelling.put(spelling, level);
            }
        }
        BY_SPELLING = Map.copyOf(bySpelling);
    }

    /**
     * Level words as they appear in the head of text lines. Deliberately without "alert" and "emerg":
     * those are ordinary words in messages, and a false FATAL is worse than UNKNOWN.
     */
    private static final Map<String, LogLevel> LEVEL_WORDS = Map.ofEntries(
            Map.entry("fatal", FATAL), Map.entry("critical", FATAL), Map.entry("crit", FATAL), Map.entry("panic", FATAL),
            Map.entry("error", ERROR), Map.entry("err", ERROR), Map.entry("severe", ERROR),
            Map.entry("warning", WARN), Map.entry("warn", WARN),
            Map.entry("information", INFO), Map.entry("info", INFO), Map.entry("notice", INFO),
            Map.entry("debug", DEBUG), Map.entry("dbg", DEBUG), Map.entry("trace", TRACE));
    private static final int LONGEST_LEVEL_WORD = 11;
    /** Only the start of a line is searched: layouts put the level before the message. */
    private static final int LEVEL_SEARCH_CHARS = 120;

    /** A level word found in a line: characters {@code [start, end)}. */
    record Word(LogLevel level, int start, int end) {
    }

    private final List<String> spellings;

    LogLevel(String... spellings) {
        this.spellings = List.of(spellings);
    }

    /** Lower-case spellings that mean this level, the canonical name first. */
    public List<String> spellings() {
        return spellings;
    }

    /** True when this level is {@code minimum} or more severe; UNKNOWN is never at least anything. */
    public boolean atLeast(LogLevel minimum) {
        return this != UNKNOWN && minimum != UNKNOWN && ordinal() <= minimum.ordinal();
    }

    /** Levels at {@code minimum} or more severe, most severe first. */
    public static List<LogLevel> atLeastLevels(LogLevel minimum) {
        return Arrays.stream(values()).filter(level -> level.atLeast(minimum)).toList();
    }

    /** The level a value such as {@code "WARNING"}, {@code "err"} or {@code "E"} stands for, if any. */
    public static Optional<LogLevel> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = value.strip().toLowerCase(Locale.ROOT);
        LogLevel level = BY_SPELLING.get(key);
        if (level == null && key.length() == 1) {
            // Single letters (klog, some syslog formatters): E, W, I, D, F.
            level = switch (key) {
                case "f" -> FATAL;
                case "e" -> ERROR;
                case "w" -> WARN;
                case "i" -> INFO;
                case "d" -> DEBUG;
                case "t" -> TRACE;
                default -> null;
            };
        }
        return Optional.ofNullable(level);
    }

    /** Like {@link #parse} but UNKNOWN for anything unrecognised. */
    public static LogLevel of(String value) {
        return parse(value).orElse(UNKNOWN);
    }

    /** The first level word in the head of a text line, or UNKNOWN. */
    public static LogLevel detect(CharSequence line) {
        Word word = findWord(line, 0, LEVEL_SEARCH_CHARS);
        return word == null ? UNKNOWN : word.level();
    }

    /**
     * The first whole word in {@code [from, from + maxChars)} that is a level word, in any case; null if none.
     * A hand-written scan: it runs on every line read, and a regex alternation of fifteen words tried at
     * every position cost several microseconds a line.
     */
    static Word findWord(CharSequence text, int from, int maxChars) {
        int limit = Math.min(text.length(), from + maxChars);
        int i = from;
        while (i < limit) {
            if (!isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && isLetter(text.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length >= 3 && length <= LONGEST_LEVEL_WORD) {
                LogLevel level = LEVEL_WORDS.get(lowerCase(text, start, i));
                if (level != null) {
                    return new Word(level, start, i);
                }
            }
        }
        return null;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String lowerCase(CharSequence text, int start, int end) {
        char[] chars = new char[end - start];
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            chars[i - start] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(chars);
    }
}
