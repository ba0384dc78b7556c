package dev.watchdog.alerting.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.regex.Pattern;

/**
 * Turns untrusted JSON values and keys into short, single-line text for error answers and logs.
 * Values are shown as JSON (quoted and escaped), so a label value with a newline or a fake log line
 * in it stays one visible string, and long values are cut so an answer never echoes a whole body.
 */
final class JsonText {

    static final int MAX_SHOWN_CHARS = 80;

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonText() {
    }

    /** The value as JSON, cut to {@link #MAX_SHOWN_CHARS}: {@code "yesterday"}, {@code 8080}, {@code null}. */
    static String quote(JsonNode value) {
        String json = value.toString();
        if (json.codePointCount(0, json.length()) <= MAX_SHOWN_CHARS) {
            return json;
        }
        return json.substring(0, json.offsetByCodePoints(0, MAX_SHOWN_CHARS - 3)) + "...";
    }

    static String quote(String value) {
        return quote(TextNode.valueOf(value));
    }

    /** Containers by kind (they may be huge), scalars by value: what a reader needs to find the mistake. */
    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        return quote(value);
    }

    /** {@code labels.alertname} for plain names, {@code labels["service.name"]} for the rest (UTF-8 label names). */
    static String child(String path, String key) {
        return PLAIN_KEY.matcher(key).matches() ? path + "." + key : path + "[" + quote(key) + "]";
    }
}
