package dev.watchdog.alerting.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A webhook payload that can never be accepted. The message is the whole answer to the sender: the
 * path of the offending field and what is wrong with it, e.g.
 * {@code alerts[2].startsAt: "yesterday" is not an RFC 3339 time}.
 */
final class InvalidPayloadException extends Exception {

    InvalidPayloadException(String reason) {
        // No stack trace: this is an answer to a client, not a bug to debug.
        super(reason, null, false, false);
    }

    static InvalidPayloadException missing(String path) {
        return new InvalidPayloadException(path + ": missing");
    }

    static InvalidPayloadException wrongType(String path, String expected, JsonNode actual) {
        return new InvalidPayloadException(path + ": expected " + expected + ", got " + JsonText.describe(actual));
    }
}
