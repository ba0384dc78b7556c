package dev.watchdog.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * Every Slack write goes through here, so delivery rules (rate limits, retries, dry-run) live in
 * one place.
 */
public interface SlackPoster {

    /** Posts a message, in a thread when {@code threadTs} is not null; returns where it landed. */
    PostedMessage post(String channel, String threadTs, String text, List<LayoutBlock> blocks);

    /** Replaces the text and blocks of a message already posted. */
    void update(PostedMessage message, String text, List<LayoutBlock> blocks);
}
