package dev.watchdog.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One text frame from Slack's Socket Mode server, read only as far as routing needs: its type, its
 * envelope id (what an ack names), and what is wrong with it if anything. Frames that cannot be
 * parsed still give up their envelope id when one is legible, so even they can be acked.
 *
 * @param type       {@code hello}, {@code disconnect}, {@code slash_commands}…; {@code null} when absent
 * @param envelopeId {@code null} for control frames ({@code hello}, {@code disconnect}) and for
 *                   frames too broken to name one
 * @param problem    what is wrong with the frame, or {@code null} when Bolt can be given it
 */
record SocketModeFrame(String type, String envelopeId, String problem) {

    /** The envelope types Bolt turns into requests; anything else carrying an envelope id is only acked. */
    static final List<String> BOLT_TYPES = List.of("events_api", "interactive", "slash_commands");

    /**
     * The payload types Bolt's request parser knows; it logs any other one and gives up on it, and
     * Watchdog would then log it a second time.
     */
    private static final List<String> BOLT_PAYLOAD_TYPES = List.of("block_actions", "block_suggestion",
            "dialog_cancellation", "dialog_submission", "dialog_suggestion", "event_callback", "interactive_message",
            "message_action", "shortcut", "url_verification", "view_closed", "view_submission", "workflow_step_edit");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEGIBLE_ENVELOPE_ID = Pattern.compile("\"envelope_id\"\\s*:\\s*\"([A-Za-z0-9_.:-]{1,200})\"");

    static SocketModeFrame read(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return broken(text, "not JSON (" + notJson.getOriginalMessage() + ")");
        }
        if (frame == null || !frame.isObject()) {
            return broken(text, "not a JSON object");
        }
        String type = frame.path("type").isTextual() ? frame.get("type").asText() : null;
        String envelopeId = frame.path("envelope_id").isTextual() ? frame.get("envelope_id").asText() : null;
        if (type == null) {
            return new SocketModeFrame(null, envelopeId, "no \"type\"");
        }
        if (envelopeId != null && !BOLT_TYPES.contains(type)) {
            return new SocketModeFrame(type, envelopeId, "an envelope of unknown type \"" + type + "\"");
        }
        if (envelopeId != null) {
            return new SocketModeFrame(type, envelopeId, payloadProblem(type, frame.path("payload")));
        }
        return new SocketModeFrame(type, null, BOLT_TYPES.contains(type) ? type + " envelope without envelope_id"
                : null);
    }

    private static String payloadProblem(String type, JsonNode payload) {
        if (!payload.isObject()) {
            return "its payload is not a JSON object";
        }
        if (type.equals("slash_commands")) {
            return payload.path("command").isTextual() ? null : "a slash command without a \"command\"";
        }
        JsonNode payloadType = payload.path("type");
        if (!payloadType.isTextual()) {
            return "its payload has no \"type\"";
        }
        return BOLT_PAYLOAD_TYPES.contains(payloadType.asText()) ? null
                : "its payload is of unknown type \"" + payloadType.asText() + "\"";
    }

    private static SocketModeFrame broken(String text, String problem) {
        Matcher id = LEGIBLE_ENVELOPE_ID.matcher(text == null ? "" : text);
        return new SocketModeFrame(null, id.find() ? id.group(1) : null, problem);
    }

    Optional<String> envelope() {
        return Optional.ofNullable(envelopeId);
    }

    /** What to call the frame in a log line. */
    String describe() {
        return (type == null ? "frame" : type + " envelope") + (envelopeId == null ? "" : " " + envelopeId);
    }
}
