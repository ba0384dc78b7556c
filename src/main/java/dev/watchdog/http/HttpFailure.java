package dev.watchdog.http;

/**
 * A call to a peer that did not produce a usable answer. The message is written for a human
 * (and for the model): which peer, what was asked, what went wrong. Never a stack trace.
 */
public class HttpFailure extends RuntimeException {

    private final int status;

    public HttpFailure(String message, int status) {
        super(message);
        this.status = status;
    }

    public HttpFailure(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** HTTP status of the failed call, or 0 when no HTTP answer arrived (refused, timeout). */
    public int status() {
        return status;
    }
}
