package dev.watchdog.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** What the user sees after a slash command: ephemeral unless it is meant for the channel. */
public record CommandReply(String text, List<LayoutBlock> blocks, boolean inChannel) {

    public CommandReply {
        blocks = List.copyOf(blocks);
    }

    public static CommandReply ephemeral(String text) {
        return new CommandReply(text, List.of(), false);
    }

    public static CommandReply ephemeral(String text, List<LayoutBlock> blocks) {
        return new CommandReply(text, blocks, false);
    }
}
