package dev.watchdog.alerting.notify;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.util.List;

/**
 * What other features add to an alert's message: blocks shown under its details (a recorded
 * cause) and buttons beside its own (What was it?). Their handlers are the adding feature's.
 */
public record AlertAddOns(List<LayoutBlock> blocks, List<BlockElement> buttons) {

    public static final AlertAddOns NONE = new AlertAddOns(List.of(), List.of());

    public AlertAddOns {
        blocks = List.copyOf(blocks);
        buttons = List.copyOf(buttons);
    }
}
