package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.StoredAlert;
import java.time.Instant;

/**
 * A firing alert on its way to Slack, and what the stages decided about it so far.
 *
 * @param at when the announcement began: the time its message shows and its post is marked with
 * @param outgrownSnooze the snooze the alert broke by coming back more severe (the Muter), or null
 * @param destination where it goes and whom it pages (the Router), null until routed
 */
record Announcement(StoredAlert stored, Instant at, Snooze outgrownSnooze, Router.Destination destination) {

    static Announcement of(StoredAlert stored, Instant at) {
        return new Announcement(stored, at, null, null);
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
        return new Announcement(stored, at, snooze, destination);
    }

    Announcement routedTo(Router.Destination to) {
        return new Announcement(stored, at, outgrownSnooze, to);
    }
}
