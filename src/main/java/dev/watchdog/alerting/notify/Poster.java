package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.SlackText;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage: posts the alert's message, records where
 * it landed so it is never posted twice, and tells whoever listens, e.g. to investigate it.
 */
final class Poster implements Stage {

    private static final Logger log = LoggerFactory.getLogger(Poster.class);

    private final SlackPoster slack;
    private final AlertStore store;
    private final AlertViews views;
    private volatile AlertNotifier.AnnouncementListener listener = (alert, thread) -> { };
    private final ThreadOpenings openings;

    Poster(SlackPoster slack, AlertStore store, AlertViews views, ThreadOpenings openings) {
        this.openings = openings;
        this.slack = slack;
        this.store = store;
        this.views = views;
    }

    /** Adds a listener; each is told in the order added, one's failure does not keep the next from hearing. */
    void onAnnounced(AlertNotifier.AnnouncementListener listener) {
        AlertNotifier.AnnouncementListener before = this.listener;
        this.listener = (alert, thread) -> {
            tell(before, alert, thread);
            tell(listener, alert, thread);
        };
    }

    @Override
    public Optional<Announcement> apply(Announcement announcement) {
        StoredAlert stored = announcement.stored();
        if (!store.claimPosting(stored.id(), stored.postStartedAt(), announcement.at())) {
            log.info("alert {} #{} is being posted by another replica", stored.alert().ruleName(), stored.id());
            return Optional.empty();
        }
        SlackMessage message = AlertMessage.render(views.of(stored), announcement.at());
        PostedMessage posted = slack.postTagged(announcement.channel(), message, MessageTag.alert(stored.id()));
        store.rememberChannel(announcement.channel(), posted.channel());
        store.recordMessage(stored.id(), posted);
        store.confirmRendered(stored.id(), stored.renderVersion());
        store.markNotified(stored.id(), announcement.at());
        AlertInstance alert = announcement.alert();
        log.info("posted alert {} #{} to {} as {}", alert.ruleName(), stored.id(), posted.channel(), posted.ts());
        announced(store.byId(stored.id()).orElse(stored), posted);
        if (announcement.outgrownSnooze() != null) {
            Snooze snooze = announcement.outgrownSnooze();
            slack.post(posted.channel(), posted.ts(), SlackMessage.text(":arrow_up: Severity rose to *"
                    + SlackText.escape(alert.severity()) + "*: the snooze by <@" + snooze.snoozedBy()
                    + "> no longer applies."));
        }
        return Optional.of(announcement);
    }

    /**
     * Tells the listeners that the alert opened a thread in Slack: its own message, or, for the first alert of a
     * storm, the storm's message (the storm's later alerts are not told: the storm has one thread).
     */
    void announced(StoredAlert alert, PostedMessage thread) {
        openings.announcing(thread);
        tell(listener, alert, thread);
        openings.announced(thread);
    }

    private static void tell(AlertNotifier.AnnouncementListener listener, StoredAlert announced,
            PostedMessage thread) {
        try {
            listener.announced(announced, thread);
        } catch (RuntimeException failure) {
            log.error("after posting alert {}: {}", announced.alert().ruleName(), failure.getMessage(), failure);
        }
    }
}
