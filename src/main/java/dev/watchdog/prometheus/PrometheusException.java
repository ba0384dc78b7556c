package dev.watchdog.prometheus;

import dev.watchdog.http.HttpFailure;

public class PrometheusException extends HttpFailure {
    private final String errorType;
    public PrometheusException(String message, int status, String errorType) { super(message, status); this.errorType = errorType; }
    public String errorType() { return errorType; }
    public boolean isQueryError() { return "bad_data".equals(errorType) || "execution".equals(errorType); }
}
