package dev.watchdog.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the Socket Mode client sent back for one envelope: {@code {"envelope_id": ..., "payload": {...}}}.
 *
 * @param payload the response payload (e.g. an ephemeral {@code {"text": ...}} for a slash command), or a
 *                missing node when the ack carried none, so {@code payload().path("text")} is always safe
 * @param raw     the frame exactly as received, for failure messages
 */
public record Ack(String envelopeId, JsonNode payload, String raw) {

    public boolean hasPayload() {
        return !payload.isMissingNode() && !payload.isNull();
    }

    @Override
    public String toString() {
        return raw;
    }
}
