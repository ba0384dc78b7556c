package dev.watchdog.slack;

import java.time.Instant;
import java.util.Optional;

/**
 * Every Slack write goes through here, so delivery rules (rate limits, retries, dry-run) live in
 * one place.
 */
public interface SlackPoster {

    /** Posts a message, in a thread when {@code threadTs} is not null; returns where it landed. */
    PostedMessage post(String channel, String threadTs, SlackMessage message);

    /** Posts a channel message carrying {@code tag} as Slack message metadata. */
    PostedMessage postTagged(String channel, SlackMessage message, MessageTag tag);

    /** Finds a message posted with {@code tag} in the channel (an id) since {@code since}, if Slack has it. */
    Optional<PostedMessage> findTagged(String channelId, MessageTag tag, Instant since);

    /** Replaces a message already posted. */
    void update(PostedMessage posted, SlackMessage message);

    /**
     * Posts a reply in the thread {@code threadTs} carrying {@code tag}, so that it can be found after a crash; a
     * poster that cannot tag (the dry run) posts it plainly.
     */
    default PostedMessage postTaggedReply(String channel, String threadTs, SlackMessage message, MessageTag tag) {
        return post(channel, threadTs, message);
    }

    /** Finds a reply posted with {@code tag} in the thread {@code threadTs} of the channel (an id), if Slack has it. */
    default Optional<PostedMessage> findTaggedReply(String channelId, String threadTs, MessageTag tag) {
        return Optional.empty();
    }

    /**
     * This poster for writes of {@code writeClass}: where writes wait for their turn (the paced poster), they are
     * taken by class before arrival. A poster that makes every call at once (the dry run, test fakes) is itself.
     */
    default SlackPoster at(WriteClass writeClass) {
        return this;
    }
}
