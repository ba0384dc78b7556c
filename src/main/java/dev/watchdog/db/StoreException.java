package dev.watchdog.db;

/** The store could not read or write. Callers fail closed: no action, a clear message. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        this(message, cause.getMessage(), cause);
    }

    /** @param detail what went wrong, as the message's last part */
    protected StoreException(String message, String detail, Throwable cause) {
        super(message + ": " + detail, cause);
    }
}
