package dev.watchdog.deploys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** Small readers for JSON from peers, where any field may be missing, null or of another type. */
final class JsonValues {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonValues() {
    }

    /** A scalar field as text ({@code 42} as "42"); empty when missing, null or a container. */
    static String text(JsonNode node, String field) {
        return scalarText(node.path(field));
    }

    static String scalarText(JsonNode value) {
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    /** The first of these fields that has a non-empty value. */
    static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    /** A text field of a JSON object body, e.g. GitHub's {@code message}; empty when the body is not one. */
    static Optional<String> field(String body, String field) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() && json.path(field).isTextual()
                    ? Optional.of(json.path(field).asText())
                    : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** Containers by kind, scalars by value: enough to see what arrived instead. */
    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        String json = value.toString();
        return json.length() <= 60 ? json : json.substring(0, 57) + "...";
    }
}
