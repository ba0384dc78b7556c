package dev.watchdog.slack;

/** Whether trying a failed Slack call again can help, and how long to wait first. */
public enum SlackFailureKind {

    /** Slack asked us to slow down: wait as long as its Retry-After says, then try again. */
    RATE_LIMITED,
    /** Slack or the network had a bad moment: try again after a backoff. */
    TRANSIENT,
    /** The request itself is wrong (channel, token, scope, content): the same call gets the same answer. */
    PERMANENT;

    public boolean retryable() {
        return this != PERMANENT;
    }
}
