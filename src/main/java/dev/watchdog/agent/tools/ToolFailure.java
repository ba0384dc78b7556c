package dev.watchdog.agent.tools;

/**
 * A tool could not do what the model asked. The message is written for the model: it names the
 * tool and the query, and says what went wrong so the model can correct itself. It never carries
 * a stack trace.
 */
public final class ToolFailure extends RuntimeException {

    public ToolFailure(String message) {
        super(message, null, false, false);
    }
}
