package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.StoredAlert;
import java.time.Instant;

/**
 * A firing alert on its way to Slack, and what the stages decided about it so far.
 *
 * @param at when the announcement began: the time its message shows and its post is marked with
 * @param outgrownSnooze the snooze the alert broke by coming back more severe (the Muter), or null
 * @param destination where it goes and whom it pages (the Router), null until routed
 * @param storm the alert storm it joins (storm grouping), or null
 */
record Announcement(StoredAlert stored, Instant at, Snooze outgrownSnooze, Router.Destination destination,
        StormThread storm) {

    /**
     * @param startsThread false for the second and later alerts of a storm: the thread is taken
     */
    record StormThread(PostedMessage groupMessage, boolean startsThread) {
    }

    static Announcement of(StoredAlert stored, Instant at) {
        return new Announcement(stored, at, null, null, null);
    }

    AlertInstance alert() {
        return stored.alert();
    }

    long id() {
        return stored.id();
    }

    String channel() {
        return destination.channel();
    }

    Announcement outgrowing(Snooze snooze) {
        return new Announcement(stored, at, snooze, destination, storm);
    }

    Announcement routedTo(Router.Destination to) {
        return new Announcement(stored, at, outgrownSnooze, to, storm);
    }

    Announcement joining(StormThread thread) {
        return new Announcement(stored, at, outgrownSnooze, destination, thread);
    }
}
