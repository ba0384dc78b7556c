package dev.watchdog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/** Finds blocks by id in a message or attachment as Slack received it. */
public final class SlackBlocks {

    private SlackBlocks() {
    }

    /** The block with {@code blockId} in {@code container}'s {@code blocks} (a message or an attachment). */
    public static JsonNode byId(JsonNode container, String blockId) {
        JsonNode blocks = container.has("blocks") ? container.get("blocks") : container;
        for (JsonNode block : blocks) {
            if (block.path("block_id").asText().equals(blockId)) {
                return block;
            }
        }
        return MissingNode.getInstance();
    }

    /** The action ids of the elements of the {@code alert-actions} block, in order. */
    public static List<String> actionIds(JsonNode container) {
        List<String> ids = new ArrayList<>();
        byId(container, "alert-actions").path("elements").forEach(element -> ids.add(element.path("action_id").asText()));
        return ids;
    }
}
