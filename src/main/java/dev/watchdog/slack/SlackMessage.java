package dev.watchdog.slack;

import com.slack.api.model.Attachment;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * What a message says: {@code text} is the notification and screen-reader fallback, blocks and
 * attachments (for the severity colour bar) are what people see.
 */
public record SlackMessage(String text, List<LayoutBlock> blocks, List<Attachment> attachments) {

    public SlackMessage {
        blocks = List.copyOf(blocks);
        attachments = List.copyOf(attachments);
    }

    public static SlackMessage of(String text, List<LayoutBlock> blocks) {
        return new SlackMessage(text, blocks, List.of());
    }

    public static SlackMessage text(String text) {
        return new SlackMessage(text, List.of(), List.of());
    }
}
