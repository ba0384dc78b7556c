package dev.watchdog.logs;

import java.time.Instant;

/**
 * One log entry as a source hands it to a {@link MatchCollector}.
 *
 * @param text      the whole entry as searched and shown: the line and its continuation lines
 * @param message   the message without timestamp and level, for error-type normalisation; may be null
 * @param errorType an error type stated by the source itself (a field), or null
 */
record LogEntry(Instant time, LogLevel level, String text, String message, String errorType) {
}
