package dev.watchdog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * Socket Mode frames exactly as Slack sends them, built from the templates in
 * {@code src/test/resources/slack/socket-mode/} with the varying fields filled in. Each call returns a fresh,
 * mutable tree, so a test can bend one out of shape before {@link FakeSocketModeServer#sendEnvelope}.
 */
public final class SlackEnvelopes {

    private static final String TEMPLATES = "slack/socket-mode/";

    private SlackEnvelopes() {
    }

    public static ObjectNode hello(int numConnections) {
        return JsonFixtures.object(TEMPLATES + "hello.json").put("num_connections", numConnections);
    }

    public static ObjectNode disconnect() {
        return JsonFixtures.object(TEMPLATES + "disconnect.json");
    }

    /** A {@code slash_commands} envelope; Slack sends the command's form fields as JSON strings. */
    public static ObjectNode slashCommand(String envelopeId, SlashCommand command, String responseUrl) {
        ObjectNode envelope = JsonFixtures.object(TEMPLATES + "slash-commands.json").put("envelope_id", envelopeId);
        ((ObjectNode) envelope.get("payload"))
                .put("command", command.command())
                .put("text", command.text())
                .put("user_id", command.userId())
                .put("user_name", command.userName())
                .put("channel_id", command.channelId())
                .put("channel_name", channelName(command.channelId()))
                .put("response_url", responseUrl)
                .put("trigger_id", newTriggerId());
        return envelope;
    }

    /** An {@code interactive} envelope carrying a {@code block_actions} payload with one action. */
    public static ObjectNode blockActions(String envelopeId, BlockAction click, String responseUrl) {
        ObjectNode envelope = JsonFixtures.object(TEMPLATES + "interactive-block-actions.json")
                .put("envelope_id", envelopeId);
        ObjectNode payload = (ObjectNode) envelope.get("payload");
        ObjectNode user = ((ObjectNode) payload.get("user"))
                .put("id", click.userId())
                .put("username", click.userName())
                .put("name", click.userName());
        if (click.userId() == null) {
            user.remove("id");
        }
        ((ObjectNode) payload.get("container")).put("message_ts", click.messageTs()).put("channel_id", click.channelId());
        ((ObjectNode) payload.get("channel")).put("id", click.channelId()).put("name", channelName(click.channelId()));
        ((ObjectNode) payload.get("message")).put("ts", click.messageTs());
        payload.put("trigger_id", newTriggerId()).put("response_url", responseUrl);
        ((ArrayNode) payload.get("actions")).add(action(click));
        return envelope;
    }

    /** An {@code interactive} envelope carrying a {@code view_submission} payload: a modal's Submit. */
    public static ObjectNode viewSubmission(String envelopeId, ViewSubmission submit) {
        ObjectNode envelope = JsonFixtures.object(TEMPLATES + "interactive-view-submission.json")
                .put("envelope_id", envelopeId);
        ObjectNode payload = (ObjectNode) envelope.get("payload");
        ((ObjectNode) payload.get("team")).put("id", submit.teamId());
        ((ObjectNode) payload.get("user")).put("id", submit.userId()).put("username", submit.userName())
                .put("name", submit.userName()).put("team_id", submit.teamId());
        payload.put("trigger_id", newTriggerId());
        ObjectNode view = ((ObjectNode) payload.get("view")).put("callback_id", submit.callbackId())
                .put("private_metadata", submit.privateMetadata());
        ObjectNode values = (ObjectNode) view.get("state").get("values");
        submit.texts().forEach((blockId, text) -> values.putObject(blockId).putObject(submit.actionId())
                .put("type", "plain_text_input").put("value", text));
        submit.selects().forEach((blockId, value) -> values.putObject(blockId).putObject(submit.actionId())
                .put("type", "static_select").putObject("selected_option").put("value", value)
                .putObject("text").put("type", "plain_text").put("text", value));
        return envelope;
    }

    /** An {@code events_api} envelope: {@code event} inside an {@code event_callback} payload. */
    public static ObjectNode eventsApi(String envelopeId, SlackEvent event) {
        ObjectNode envelope = JsonFixtures.object(TEMPLATES + "events-api.json").put("envelope_id", envelopeId);
        ((ObjectNode) envelope.get("payload"))
                .put("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase())
                .put("event_time", Long.parseLong(event.ts().substring(0, event.ts().indexOf('.'))))
                .set("event", event(event));
        return envelope;
    }

    /** A short human description of an envelope for failure messages. */
    static String describe(ObjectNode envelope) {
        JsonNode payload = envelope.path("payload");
        return switch (envelope.path("type").asText()) {
            case "slash_commands" -> "slash command " + payload.path("command").asText() + " " + payload.path("text").asText();
            case "interactive" -> payload.path("type").asText() + " " + payload.path("actions").path(0).path("action_id").asText();
            case "events_api" -> payload.path("event").path("type").asText() + " event " + payload.path("event").path("text").asText();
            default -> envelope.path("type").asText();
        };
    }

    private static ObjectNode action(BlockAction click) {
        ObjectNode action = JsonFixtures.object(TEMPLATES + "action-" + click.element().replace('_', '-') + ".json")
                .put("action_id", click.actionId())
                .put("block_id", click.blockId())
                .put("action_ts", SlackTimestamps.next());
        // A button carries its own value and label; a select carries the chosen option's.
        ObjectNode valueHolder = action.has("selected_option") ? (ObjectNode) action.get("selected_option") : action;
        valueHolder.put("value", click.value());
        ((ObjectNode) valueHolder.get("text")).put("text", click.label());
        return action;
    }

    private static ObjectNode event(SlackEvent event) {
        ObjectNode node = JsonFixtures.object(TEMPLATES + "event-" + event.type().replace('_', '-') + ".json")
                .put("user", event.userId())
                .put("text", event.text())
                .put("ts", event.ts())
                .put("event_ts", event.ts())
                .put("channel", event.channelId())
                .put("client_msg_id", UUID.randomUUID().toString());
        if (node.has("channel_type")) {
            node.put("channel_type", channelType(event.channelId()));
        }
        if (event.threadTs() == null) {
            node.remove("thread_ts");
            node.remove("parent_user_id");
        } else {
            node.put("thread_ts", event.threadTs());
        }
        if (event.botId() != null) {
            // App-posted messages carry bot_id and no client_msg_id (only Slack's own clients set that).
            node.remove("client_msg_id");
            node.put("bot_id", event.botId());
        }
        if (event.subtype() != null) {
            node.put("subtype", event.subtype());
        }
        return node;
    }

    private static String newTriggerId() {
        long random = UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE;
        return "1234567890123." + (random % 1_000_000_000_000L) + "." + Long.toHexString(random);
    }

    private static String channelName(String channelId) {
        return FakeWorkspace.CHANNEL_ID.equals(channelId) ? FakeWorkspace.CHANNEL_NAME : channelId.toLowerCase();
    }

    private static String channelType(String channelId) {
        return switch (channelId.charAt(0)) {
            case 'D' -> "im";
            case 'G' -> "group";
            default -> "channel";
        };
    }
}
