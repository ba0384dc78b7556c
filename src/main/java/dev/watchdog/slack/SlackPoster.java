package dev.watchdog.slack;

import com.slack.api.model.block.LayoutBlock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every Slack write goes through here, so delivery rules (rate limits, retries, dry-run) live in
 * one place.
 */
public interface SlackPoster {

    /** Posts a message, in a thread when {@code threadTs} is not null; returns where it landed. */
    PostedMessage post(String channel, String threadTs, String text, List<LayoutBlock> blocks);

    /** Posts a channel message carrying {@code tag} as Slack message metadata. */
    PostedMessage postTagged(String channel, String text, List<LayoutBlock> blocks, MessageTag tag);

    /** Finds a message posted with {@code tag} in the channel (an id) since {@code since}, if Slack has it. */
    Optional<PostedMessage> findTagged(String channelId, MessageTag tag, Instant since);

    /** Replaces the text and blocks of a message already posted. */
    void update(PostedMessage message, String text, List<LayoutBlock> blocks);
}
