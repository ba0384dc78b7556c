package dev.watchdog.slack;

import java.util.Set;

/**
 * Decides whether a failed Slack call is worth retrying: the one place that knows which HTTP statuses and Slack
 * error codes are passing troubles. Table-tested in {@code SlackFailureClassifierTest}.
 *
 * <p>Any Slack error code not listed here is treated as permanent, as Alertmanager's Slack notifier does: Slack
 * reports its own outages with an HTTP 5xx or one of the few codes below, and retrying a rejected request only
 * delays every alert queued behind it.
 */
public final class SlackFailureClassifier {

    private static final int HTTP_OK = 200;
    private static final int HTTP_REQUEST_TIMEOUT = 408;
    private static final int HTTP_TOO_MANY_REQUESTS = 429;
    private static final int HTTP_SERVER_ERRORS = 500;

    /** Codes Slack documents as "something went wrong on our side, try again". */
    private static final Set<String> TRANSIENT_ERRORS = Set.of(
            "internal_error", "fatal_error", "service_unavailable", "request_timeout",
            // the workspace is being migrated into an Enterprise org; Slack says calls work again afterwards
            "team_added_to_org");

    /** Rate limiting reported in the body of an HTTP 200 answer: no Retry-After, so back off instead. */
    private static final Set<String> RATE_LIMIT_ERRORS = Set.of("ratelimited", "rate_limited");

    private SlackFailureClassifier() {
    }

    public static SlackFailureKind classify(SlackCallFailed failure) {
        return classify(failure.httpStatus(), failure.error());
    }

    /**
     * @param httpStatus Slack's HTTP status (200 for an {@code ok:false} answer) or
     *                   {@link SlackCallFailed#NO_HTTP_ANSWER} when the request never got an answer
     * @param error      Slack's error code for HTTP 200 answers; ignored otherwise
     */
    public static SlackFailureKind classify(int httpStatus, String error) {
        if (httpStatus == HTTP_TOO_MANY_REQUESTS) {
            return SlackFailureKind.RATE_LIMITED;
        }
        if (httpStatus == SlackCallFailed.NO_HTTP_ANSWER || httpStatus == HTTP_REQUEST_TIMEOUT
                || httpStatus >= HTTP_SERVER_ERRORS) {
            return SlackFailureKind.TRANSIENT;
        }
        if (httpStatus == HTTP_OK && RATE_LIMIT_ERRORS.contains(error)) {
            return SlackFailureKind.RATE_LIMITED;
        }
        if (httpStatus == HTTP_OK && TRANSIENT_ERRORS.contains(error)) {
            return SlackFailureKind.TRANSIENT;
        }
        // Other 4xx (bad request, auth, not found) and every other Slack error code: the request is at fault.
        return SlackFailureKind.PERMANENT;
    }
}
