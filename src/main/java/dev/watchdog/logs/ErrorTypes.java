package dev.watchdog.logs;

import dev.watchdog.security.Redactor;
import dev.watchdog.security.UntrustedText;
import java.util.List;

/**
 * The "type" of an error entry, for the top-5 table: an explicit type (a JSON or Elasticsearch field)
 * first, else the first exception class named in the entry (a stack trace's head, "Caused by: ..."),
 * else, for entries at error level or worse, the normalised message.
 */
final class ErrorTypes {

    /** Class names end in one of these. */
    private static final List<String> SUFFIXES = List.of("Exception", "Error", "Throwable", "Fault");
    /** Stack traces name the class in their first lines; scanning further only costs time. */
    private static final int SEARCH_CHARS = 2000;
    static final int MAX_MESSAGE_CHARS = 120;

    private ErrorTypes() {
    }

    /** The error type of an entry, or null when it is neither an error nor mentions an exception. */
    static String of(LogEntry entry) {
        if (entry.errorType() != null && !entry.errorType().isBlank()) {
            return UntrustedText.cut(entry.errorType().strip(), MAX_MESSAGE_CHARS);
        }
        String exception = exceptionClass(entry.text());
        if (exception != null) {
            return exception;
        }
        if (!entry.level().atLeast(LogLevel.ERROR)) {
            return null;
        }
        String message = firstLine(entry.message() == null || entry.message().isBlank() ? entry.text() : entry.message());
        // Redact before normalising: placeholders could cut a secret into pieces the Redactor no longer sees.
        String normalised = MessageNormaliser.normalise(Redactor.standard().redact(message));
        return normalised.isEmpty() ? null : UntrustedText.cut(normalised, MAX_MESSAGE_CHARS);
    }

    /**
     * The first qualified or simple class name ending in Exception, Error, Throwable or Fault:
     * {@code java.net.SocketTimeoutException}, {@code ValueError}, {@code TypeError}. A bare "Error" does
     * not count: it is a word, not a class. A hand-written scan: the equivalent regex cost about eight
     * microseconds per entry, more than all the rest of a search.
     */
    static String exceptionClass(String text) {
        int limit = Math.min(text.length(), SEARCH_CHARS);
        String first = null;
        int firstStart = Integer.MAX_VALUE;
        for (String suffix : SUFFIXES) {
            for (int at = text.indexOf(suffix); at >= 0 && at < limit && at < firstStart; at = text.indexOf(suffix, at + 1)) {
                int end = at + suffix.length();
                if (end < text.length() && isNamePart(text.charAt(end))) {
                    continue; // "Errors", "ExceptionHandler"
                }
                int start = at;
                while (start > 0 && (isNamePart(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
                    start--;
                }
                while (text.charAt(start) == '.') {
                    start++;
                }
                String name = text.substring(start, end);
                if (isClassName(name, suffix)) {
                    first = name;
                    firstStart = start;
                    break;
                }
            }
        }
        return first;
    }

    /** Dot-separated identifiers, the last one capitalised and more than the bare suffix. */
    private static boolean isClassName(String name, String suffix) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (simple.length() <= suffix.length() || !Character.isUpperCase(simple.charAt(0))) {
            return false;
        }
        for (String segment : name.split("\\.", -1)) {
            if (segment.isEmpty() || Character.isDigit(segment.charAt(0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
