package dev.watchdog.alerting;

import dev.watchdog.slack.PostedMessage;
import java.time.Instant;

/**
 * An alert storm as the store keeps it: one message in a channel that stands for every alert that joined it.
 *
 * @param channel where its alerts were routed (a name or an id, as configured)
 * @param message its Slack message, or null while it is not (yet) in Slack
 * @param postStartedAt when its post began (before it was sent); with no message, a crash may have cut it off
 * @param endedAt when a storm window passed without a new alert, or null while it goes on
 * @param renderVersion counts the changes its message must show: its own (joins, the end) plus its members'
 * @param slackVersion the version Slack last confirmed showing
 */
public record AlertStorm(long id, String channel, PostedMessage message, Instant postStartedAt, Instant startedAt,
        Instant lastAlertAt, Instant endedAt, Instant lastNotifiedAt, long renderVersion, long slackVersion) {

    public boolean inSlack() {
        return message != null;
    }

    public boolean ended() {
        return endedAt != null;
    }

    public boolean lags() {
        return slackVersion < renderVersion;
    }
}
