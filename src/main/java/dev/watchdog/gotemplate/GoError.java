package dev.watchdog.gotemplate;

/**
 * An error value as a Go function would return it; the executor wraps it as
 * {@code error calling <func>: <message>}.
 */
final class GoError extends Exception {

    GoError(String message) {
        super(message, null, false, false);
    }
}
