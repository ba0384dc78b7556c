package dev.watchdog.prometheus;

import dev.watchdog.http.HttpFailure;
import java.util.Set;

/**
 * A Prometheus request that gave no usable answer. The message names the Prometheus base URL
 * and the query, and says what to do about it; it is safe to show to a person or a model.
 *
 * <p>{@link #errorType()} is Prometheus' own {@code errorType} when it sent one
 * ({@code bad_data}, {@code execution}, {@code timeout}, {@code unavailable}, {@code internal},
 * ...), otherwise one of the constants below.
 */
public class PrometheusException extends HttpFailure {

    /** Prometheus could not parse the query or a parameter (HTTP 400). */
    public static final String BAD_DATA = "bad_data";
    /** The query parsed but failed while evaluating, e.g. many-to-many matching (HTTP 422). */
    public static final String EXECUTION = "execution";
    /** No answer within the query timeout, or Prometheus' own query timeout (HTTP 503). */
    public static final String TIMEOUT = "timeout";
    /** No HTTP answer at all: connection refused, unknown host, connection reset. */
    public static final String UNAVAILABLE = "unavailable";
    /** An HTTP error status without a Prometheus error body (proxy pages, 404, 5xx). */
    public static final String HTTP = "http";
    /** A 2xx answer that is not Prometheus API JSON or does not have the documented shape. */
    public static final String INVALID_RESPONSE = "invalid_response";
    /** The answer is bigger than the client is willing to read. */
    public static final String RESPONSE_TOO_LARGE = "response_too_large";
    /** An instant query returned a string or a range vector, which has no Sample form. */
    public static final String UNSUPPORTED_RESULT = "unsupported_result";

    /**
     * Error types caused by what was asked rather than by Prometheus' health. A too-large or
     * unsupported result counts too: asking again unchanged gives the same error.
     */
    private static final Set<String> QUERY_ERRORS =
            Set.of(BAD_DATA, EXECUTION, RESPONSE_TOO_LARGE, UNSUPPORTED_RESULT);

    private final String errorType;

    public PrometheusException(String message, int status, String errorType, Throwable cause) {
        super(message, status);
        this.errorType = errorType;
        if (cause != null) {
            initCause(cause);
        }
    }

    public String errorType() {
        return errorType;
    }

    /**
     * True when the query itself is wrong (fix the rule or the query), false when Prometheus
     * could not be asked or could not answer (unreachable, timeout, 5xx): then nothing is known
     * about the metric, and callers must not treat it as "no data".
     */
    public boolean isQueryError() {
        return QUERY_ERRORS.contains(errorType);
    }
}
