package dev.watchdog.ops;

/** What answers one route of the {@link OpsServer}. */
@FunctionalInterface
public interface OpsHandler {

    /** Answers a complete request (its body, if any, already read); runs on the server's handler threads. */
    void handle(OpsExchange exchange) throws Exception;

    /**
     * Looks at the request line and headers before a byte of the body is read, e.g. to check a
     * token: a handler that answers here and returns false refuses the request, and its body is
     * never read. Runs on the server's I/O thread, so it must not block.
     */
    default boolean admit(OpsExchange exchange) {
        return true;
    }

    /** The largest body this route reads; a longer one is answered 413 without being read whole. */
    default int maxBodyBytes() {
        return OpsServer.DEFAULT_MAX_BODY_BYTES;
    }
}
