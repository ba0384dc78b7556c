package dev.watchdog.logs;

import dev.watchdog.http.HttpFailure;

/**
 * A remote log source gave no usable answer. The message names the source, its URL (without
 * credentials) and what was asked, and says what to fix; it is safe to show to a person or the model.
 */
final class LogSourceException extends HttpFailure {

    LogSourceException(String message, int status) {
        super(message, status);
    }

    LogSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
