package dev.watchdog.db;

/** The store could not read or write. Callers fail closed: no action, a clear message. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
