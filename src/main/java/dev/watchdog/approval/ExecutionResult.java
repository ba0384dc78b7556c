package dev.watchdog.approval;

/**
 * How a webhook call ended.
 *
 * @param status  the HTTP status, or 0 when no answer arrived
 * @param excerpt the start of the answer's body (redacted, at most {@link WebhookExecutor#EXCERPT_LENGTH}
 *                characters), or what went wrong when there was no answer
 */
public record ExecutionResult(boolean succeeded, int status, String excerpt) {

    /** One line for messages and the audit trail, e.g. {@code HTTP 204} or {@code HTTP 500: boom}. */
    public String summary() {
        String head = status == 0 ? "no answer" : "HTTP " + status;
        return excerpt == null || excerpt.isBlank() ? head : head + ": " + excerpt;
    }
}
