package dev.watchdog.slack;

import com.slack.api.methods.SlackApiException;
import java.time.Duration;
import java.util.Optional;

/** A Slack Web API call that did not succeed; {@code error} is Slack's code, e.g. channel_not_found. */
public final class SlackCallFailed extends RuntimeException {

    /** {@link #httpStatus()} when no HTTP answer arrived (refused, reset, timeout), as in {@code HttpFailure}. */
    public static final int NO_HTTP_ANSWER = 0;

    private static final int HTTP_OK = 200;

    private final String method;
    private final String error;
    private final int httpStatus;
    private final Duration retryAfter;

    /** Slack answered (HTTP 200) with {@code "ok": false} and {@code error}. */
    public SlackCallFailed(String method, String error) {
        super("Slack " + method + " failed: " + error);
        this.method = method;
        this.error = error;
        this.httpStatus = HTTP_OK;
        this.retryAfter = null;
    }

    /**
     * The call threw: a {@link SlackApiException} (an HTTP status other than 2xx, e.g. 429 or 503) or an
     * I/O failure before any answer arrived.
     */
    public SlackCallFailed(String method, Throwable cause) {
        super("Slack " + method + " failed: " + cause.getMessage(), cause);
        this.method = method;
        this.error = cause.getClass().getSimpleName();
        if (cause instanceof SlackApiException api && api.getResponse() != null) {
            this.httpStatus = api.getResponse().code();
            this.retryAfter = retryAfterSeconds(api.getResponse().header("Retry-After"));
        } else {
            this.httpStatus = NO_HTTP_ANSWER;
            this.retryAfter = null;
        }
    }

    /** The same failure (method, error, status and Retry-After kept) with a message saying more, e.g. the tries. */
    public SlackCallFailed explained(String message) {
        return new SlackCallFailed(message, this);
    }

    private SlackCallFailed(String message, SlackCallFailed original) {
        super(message, original);
        this.method = original.method;
        this.error = original.error;
        this.httpStatus = original.httpStatus;
        this.retryAfter = original.retryAfter;
    }

    public String method() {
        return method;
    }

    public String error() {
        return error;
    }

    /** The HTTP status Slack answered with (200 for an {@code ok:false} answer), or {@link #NO_HTTP_ANSWER}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long Slack asked us to wait (its {@code Retry-After} header, sent with HTTP 429), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Slack sends whole seconds; anything else (absent, an HTTP date, garbage) means "not said". */
    private static Duration retryAfterSeconds(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
