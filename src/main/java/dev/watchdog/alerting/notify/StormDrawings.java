package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertStorm;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StormStore;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.WriteClass;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts and redraws storm messages from the store and notes which version Slack shows, so a change whose edit never
 * reached Slack is found lagging and drawn again ({@link Redraws#catchUp}). A storm's message is posted with its tag,
 * after its row is written: a post a crash cut off is found in the channel rather than posted twice.
 */
final class StormDrawings {

    private static final Logger log = LoggerFactory.getLogger(StormDrawings.class);

    private final SlackPoster slack;
    private final StormStore storms;
    private final AlertStore alerts;

    StormDrawings(SlackPoster slack, StormStore storms, AlertStore alerts) {
        this.slack = slack;
        this.storms = storms;
        this.alerts = alerts;
    }

    /** Posts the storm's message and records where it landed. */
    PostedMessage post(AlertStorm storm) {
        PostedMessage posted = slack.at(WriteClass.ALERT).postTagged(storm.channel(), StormMessage.render(storm, storms.members(storm.id())),
                MessageTag.storm(storm.id()));
        storms.recordMessage(storm.id(), posted);
        alerts.rememberChannel(storm.channel(), posted.channel());
        storms.confirmRendered(storm.id(), storm.renderVersion());
        log.warn("alert storm in {}: new alerts join one message ({}) instead of being posted", storm.channel(),
                posted.ts());
        return posted;
    }

    /** A storm whose post a crash (or Slack) interrupted: its message, if it reached the channel after all. */
    Optional<PostedMessage> findInterrupted(AlertStorm storm) {
        Optional<String> channelId = InterruptedPosts.looksLikeChannelId(storm.channel())
                ? Optional.of(storm.channel()) : alerts.channelId(storm.channel());
        if (storm.postStartedAt() == null || channelId.isEmpty()) {
            return Optional.empty();
        }
        Optional<PostedMessage> found = slack.findTagged(channelId.get(), MessageTag.storm(storm.id()),
                storm.postStartedAt().minusSeconds(60));
        found.ifPresent(message -> {
            storms.recordMessage(storm.id(), message);
            log.info("the message of alert storm {} had reached Slack before Watchdog stopped; not posting it again",
                    storm.id());
        });
        return found;
    }

    /** Storms whose message shows less than the store holds. */
    List<AlertStorm> lagging() {
        return storms.lagging();
    }

    /** Gives up on showing the storm's version: its message cannot be edited (deleted, say). */
    void confirmRendered(AlertStorm storm) {
        storms.confirmRendered(storm.id(), storm.renderVersion());
    }

    /** Redraws the storm's message from the store, if it is in Slack. */
    void redraw(long stormId) {
        storms.storm(stormId).filter(AlertStorm::inSlack).ifPresent(this::redraw);
    }

    /**
     * Replaces the message with what the store holds; Slack then shows at least the storm's version. One redraw at a
     * time, each reading the store afresh, so an older drawing never lands last. An alert write, like the storm's
     * first post: the counts follow new alerts, and a person's click elsewhere goes first.
     */
    synchronized void redraw(AlertStorm storm) {
        AlertStorm current = storms.storm(storm.id()).orElse(storm);
        slack.at(WriteClass.ALERT).update(current.message(), StormMessage.render(current,
                storms.members(current.id())));
        storms.confirmRendered(current.id(), current.renderVersion());
    }
}
