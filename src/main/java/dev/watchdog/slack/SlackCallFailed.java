package dev.watchdog.slack;

/** A Slack Web API call that did not succeed; {@code error} is Slack's code, e.g. channel_not_found. */
public final class SlackCallFailed extends RuntimeException {

    private final String method;
    private final String error;

    public SlackCallFailed(String method, String error) {
        super("Slack " + method + " failed: " + error);
        this.method = method;
        this.error = error;
    }

    public SlackCallFailed(String method, Throwable cause) {
        super("Slack " + method + " failed: " + cause.getMessage(), cause);
        this.method = method;
        this.error = cause.getClass().getSimpleName();
    }

    public String method() {
        return method;
    }

    public String error() {
        return error;
    }
}
