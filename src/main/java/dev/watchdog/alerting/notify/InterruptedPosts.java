package dev.watchdog.alerting.notify;

import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The de-duplication stage: a post that started before a crash may have reached Slack without
 * being recorded. Such an alert is looked up by its tag in the channel's history; if it is there,
 * where it landed is recorded and it is not posted again.
 */
final class InterruptedPosts implements Stage {

    private static final Logger log = LoggerFactory.getLogger(InterruptedPosts.class);

    private final SlackPoster slack;
    private final AlertStore store;

    InterruptedPosts(SlackPoster slack, AlertStore store) {
        this.slack = slack;
        this.store = store;
    }

    @Override
    public Optional<Announcement> apply(Announcement announcement) {
        Optional<PostedMessage> found = find(announcement.stored(), announcement.channel());
        if (found.isPresent()) {
            store.recordMessage(announcement.id(), found.get());
            return Optional.empty();
        }
        return Optional.of(announcement);
    }

    private Optional<PostedMessage> find(StoredAlert stored, String channel) {
        if (stored.postStartedAt() == null) {
            return Optional.empty();
        }
        Optional<String> channelId = looksLikeChannelId(channel) ? Optional.of(channel) : store.channelId(channel);
        if (channelId.isEmpty()) {
            log.warn("alert {} was being posted when Watchdog stopped and channel {} has no known id to look it up;"
                    + " posting it again", stored.alert().ruleName(), channel);
            return Optional.empty();
        }
        Optional<PostedMessage> found = slack.findTagged(channelId.get(), MessageTag.alert(stored.id()),
                stored.postStartedAt().minusSeconds(60));
        found.ifPresent(message -> log.info("alert {} had reached Slack before Watchdog stopped; not posting it again",
                stored.alert().ruleName()));
        return found;
    }

    static boolean looksLikeChannelId(String channel) {
        return channel.matches("[CGD][A-Z0-9]{6,}");
    }
}
