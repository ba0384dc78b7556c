package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertChanges;
import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.config.Durations;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.SlackText;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What is said about firing alerts after their first post, in one routine on the delivery thread:
 * the snoozer is told when a snooze ended, an unacknowledged alert is reminded every repeat
 * interval, and a post that failed (or that a crash interrupted) is tried again.
 */
final class FollowUps implements Runnable {

    static final Duration RETRY_FAILED_POST_AFTER = Duration.ofMinutes(5);

    private final AlertStore store;
    private final Snoozes snoozes;
    private final Muter muter;
    private final SlackPoster slack;
    private final AlertViews views;
    private final Consumer<List<AlertInstance>> announce;
    private final Predicate<AlertInstance> queued;
    private final AlertChanges changes;
    private final Duration repeatInterval;
    private final Clock clock;

    /** The first pass after a start resumes every post a crash interrupted, without waiting. */
    private boolean resumed;

    /**
     * @param announce runs alerts through the stages again, as when they fired, as one batch (so that those of a
     *     storm join it together)
     * @param queued   whether the alert's announcement is waiting to be delivered: it has not started, but it is not
     *                 lost either, and a retry racing it would only deliver it twice
     * @param changes  told when a message must be redrawn
     */
    FollowUps(AlertStore store, Snoozes snoozes, Muter muter, SlackPoster slack, AlertViews views,
            Consumer<List<AlertInstance>> announce, Predicate<AlertInstance> queued, AlertChanges changes,
            Duration repeatInterval, Clock clock) {
        this.store = store;
        this.snoozes = snoozes;
        this.muter = muter;
        this.slack = slack;
        this.views = views;
        this.announce = announce;
        this.queued = queued;
        this.changes = changes;
        this.repeatInterval = repeatInterval;
        this.clock = clock;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        // A storm's alerts are in Slack through its message, and its reminders are the storm's (StormGrouping).
        List<StoredAlert> open = store.openAlerts().stream()
                .filter(alert -> alert.alert().state() == AlertState.FIRING && !alert.inStorm()).toList();
        Set<Long> told = new HashSet<>();
        List<AlertInstance> unposted = new ArrayList<>();
        for (Snooze ended : snoozes.takeEnded()) {
            open.stream().filter(alert -> Snoozes.isFor(ended, alert.alert())).forEach(alert -> {
                told.add(alert.id());
                snoozeEnded(alert, ended, unposted);
            });
        }
        // One read for both passes; an alert whose snooze just ended has had its news already.
        for (StoredAlert alert : open) {
            if (told.contains(alert.id())) {
                continue;
            }
            Muter.Mute mute = muter.judge(alert);
            if (!alert.inSlack()) {
                if (!mute.holdsPost() && retryIsDue(alert, now) && !queued.test(alert.alert())) {
                    unposted.add(alert.alert());
                }
            } else if (!mute.holdsReminders() && alert.lastNotifiedAt() != null
                    && Duration.between(alert.lastNotifiedAt(), now).compareTo(repeatInterval) >= 0) {
                remind(alert, now);
            }
        }
        if (!unposted.isEmpty()) {
            announce.accept(unposted);
        }
        resumed = true;
    }

    private boolean retryIsDue(StoredAlert alert, Instant now) {
        return !resumed || alert.postStartedAt() == null
                || Duration.between(alert.postStartedAt(), now).compareTo(RETRY_FAILED_POST_AFTER) >= 0;
    }

    private void remind(StoredAlert open, Instant now) {
        AlertView view = views.of(open);
        String value = Double.isNaN(open.alert().value()) ? ""
                : ", value " + AlertMessage.formatValue(open.alert().value())
                        + (view.threshold() == null ? "" : " (threshold " + view.threshold() + ")");
        slack.post(open.message().channel(), open.message().ts(), SlackMessage.text(":alarm_clock: Still firing after "
                + Durations.format(Duration.ofMinutes(open.alert().firingFor(now).toMinutes())) + SlackText.escape(value)
                + ". Nobody has acknowledged it yet."));
        store.markNotified(open.id(), now);
    }

    private void snoozeEnded(StoredAlert open, Snooze snooze, List<AlertInstance> unposted) {
        if (!open.inSlack()) {
            unposted.add(open.alert()); // it began while snoozed: this is its first announcement
            return;
        }
        slack.post(open.message().channel(), open.message().ts(), SlackMessage.text("<@" + snooze.snoozedBy()
                + "> the snooze has ended and *" + SlackText.escape(open.alert().ruleName()) + "* is still firing."));
        store.markNotified(open.id(), clock.instant());
        changes.changed(open.id());
    }
}
