package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertStorm;
import dev.watchdog.alerting.StormStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.config.Durations;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.WriteClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storm grouping stage: during an alert storm in a channel (see {@link StormGuard}) a new alert is not posted.
 * It joins the storm in the store, and the storm's one message is redrawn with the new counts (a burst of joins costs
 * one edit). A batch's joins are recorded in one write per storm when the batch is done ({@link #flush}). The storm's
 * message is posted with its first members, and its thread gets their first member's investigation.
 */
final class StormGrouping implements Stage {

    private static final Logger log = LoggerFactory.getLogger(StormGrouping.class);
    /** At most one edit of a storm's message per pacing interval: Slack shows one message per second per channel. */
    static final Duration REDRAW_DELAY = Duration.ofSeconds(1);

    private final StormGuard guard;
    private final StormStore storms;
    private final StormDrawings drawings;
    private final SlackPoster slack;
    private final BiConsumer<StoredAlert, PostedMessage> announced;
    private final Consumer<Long> redraw;
    /** Channel -> the announcements that joined its storm in the batch being delivered. */
    private final Map<String, List<Announcement>> joining = new LinkedHashMap<>();

    /**
     * @param announced told of a new storm's first member and the storm's message, the thread its follow-ups go to
     */
    StormGrouping(StormGuard guard, StormStore storms, StormDrawings drawings, SlackPoster slack,
            DeliveryThread delivery, BiConsumer<StoredAlert, PostedMessage> announced) {
        this.guard = guard;
        this.storms = storms;
        this.drawings = drawings;
        this.slack = slack;
        this.announced = announced;
        // The storm's message is how its new alerts reach the channel: its redraws go with new alert messages, so a
        // person's click on another message is answered before the next count.
        this.redraw = delivery.coalescing(WriteClass.ALERT, "storm update", REDRAW_DELAY, drawings::redraw);
    }

    @Override
    public Optional<Announcement> apply(Announcement announcement) {
        if (guard.admit(announcement.channel(), announcement.at()).isEmpty()) {
            return Optional.of(announcement);
        }
        joining.computeIfAbsent(announcement.channel(), channel -> new ArrayList<>()).add(announcement);
        return Optional.empty();
    }

    /** Before a batch is delivered: how many new alerts it brings to each channel (see {@link StormGuard#expect}). */
    void expect(Map<String, Long> arriving, Instant at) {
        arriving.forEach((channel, count) -> guard.expect(channel, count.intValue(), at));
    }

    /** Records the batch's joins, one write per storm, then shows them: a new storm's message, or a redraw. */
    void flush() {
        List<Map.Entry<String, List<Announcement>>> batch = new ArrayList<>(joining.entrySet());
        joining.clear();
        for (Map.Entry<String, List<Announcement>> channel : batch) {
            StormGuard.Storm storm = guard.current(channel.getKey()).orElseThrow();
            List<Long> members = channel.getValue().stream().map(Announcement::id).toList();
            if (storm.id != null) {
                storms.join(storm.id, members, channel.getValue().get(channel.getValue().size() - 1).at());
                redraw.accept(storm.id);
                continue;
            }
            AlertStorm started = storms.start(channel.getKey(), storm.startedAt, members);
            storm.id = started.id();
            announced.accept(channel.getValue().get(0).stored(), drawings.post(started));
        }
    }

    /** Redraws the storm's message soon, with whatever else changed by then. */
    void changed(long stormId) {
        redraw.accept(stormId);
    }

    /**
     * One follow-up round: goes on with storms the store holds open (after a start), posts a message a crash kept
     * from Slack, ends storms a window passed without a new alert, and reminds of storms still firing unacknowledged.
     */
    void followUp(Instant now, Duration repeatInterval) {
        for (AlertStorm storm : storms.open()) {
            guard.resume(storm);
            if (!storm.inSlack() && drawings.findInterrupted(storm).isEmpty()) {
                storms.restartPost(storm.id(), now);
                announced.accept(storms.members(storm.id()).get(0), drawings.post(storm));
            } else if (guard.quietSince(storm.lastAlertAt(), now) && storms.end(storm.id(), now)) {
                guard.ended(storm.channel(), storm.id());
                log.info("alert storm {} in {} ended: no new alert for {}", storm.id(), storm.channel(),
                        Durations.format(Duration.between(storm.lastAlertAt(), now)));
                redraw.accept(storm.id());
            }
        }
        // An ended storm's alerts may still fire: only new alerts stopped joining it.
        storms.firing().stream().filter(AlertStorm::inSlack).forEach(storm -> remindIfDue(storm, now, repeatInterval));
    }

    /**
     * One reminder per repeat interval for the whole storm while any of its alerts fires unacknowledged, in its
     * thread: a reminder per member would be the flood the storm message exists to prevent.
     */
    private void remindIfDue(AlertStorm storm, Instant now, Duration repeatInterval) {
        Instant since = storm.lastNotifiedAt() != null ? storm.lastNotifiedAt() : storm.startedAt();
        if (Duration.between(since, now).compareTo(repeatInterval) < 0) {
            return;
        }
        List<StoredAlert> members = storms.members(storm.id());
        long firing = members.stream().filter(a -> a.alert().state() != AlertState.RESOLVED).count();
        long unacknowledged = members.stream()
                .filter(a -> a.alert().state() != AlertState.RESOLVED && !a.acknowledged()).count();
        if (unacknowledged > 0) {
            slack.post(storm.message().channel(), storm.message().ts(), SlackMessage.text(":alarm_clock: "
                    + firing + " alerts of this storm are still firing after "
                    + Durations.format(Duration.ofMinutes(Duration.between(storm.startedAt(), now).toMinutes()))
                    + "; nobody has acknowledged " + unacknowledged + " of them."));
        }
        storms.markNotified(storm.id(), now);
    }
}
