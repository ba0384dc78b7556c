package dev.watchdog.deploys;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each {@link Deployment} field is found in a JSON object from a URL or a file: by default
 * under its own name ({@code service}, {@code time}, ...), otherwise under the configured name, or
 * at a JSON pointer when the configured name starts with {@code /} (e.g. {@code /actor/login}).
 * Only {@code time} is required.
 */
public final class FieldMapping {

    public static final List<String> FIELDS =
            List.of("service", "version", "time", "who", "commit", "link", "status", "environment");

    private final Map<String, String> names;

    private FieldMapping(Map<String, String> names) {
        this.names = names;
    }

    /** @param renamed deployment field to JSON field name or pointer; fields not named keep their own name */
    public static FieldMapping of(Map<String, String> renamed) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String field : FIELDS) {
            names.put(field, field);
        }
        renamed.forEach((field, jsonName) -> {
            if (!names.containsKey(field)) {
                throw new IllegalArgumentException("'" + field + "' is not a deployment field (allowed: "
                        + String.join(", ", FIELDS) + ")");
            }
            if (jsonName == null || jsonName.isBlank()) {
                throw new IllegalArgumentException("the JSON name for '" + field + "' must not be empty");
            }
            if (jsonName.startsWith("/")) {
                JsonPointer.compile(jsonName); // throws IllegalArgumentException for a malformed pointer
            }
            names.put(field, jsonName);
        });
        return new FieldMapping(Map.copyOf(names));
    }

    public static FieldMapping identity() {
        return of(Map.of());
    }

    /** The JSON field that holds the time, as configured, for messages. */
    String timeField() {
        return names.get("time");
    }

    /** Reads one entry; an entry without a readable time cannot be placed in the window and is refused. */
    Deployment read(JsonNode item, String source) throws InvalidEntry {
        if (!item.isObject()) {
            throw new InvalidEntry("not a JSON object");
        }
        JsonNode timeValue = value(item, "time");
        if (timeValue.isMissingNode() || timeValue.isNull()) {
            throw new InvalidEntry("no \"" + timeField() + "\"");
        }
        Optional<Instant> time = DeploymentTimes.parse(timeValue);
        if (time.isEmpty()) {
            throw new InvalidEntry("\"" + timeField() + "\" is not a time with a zone or an epoch number: "
                    + JsonValues.describe(timeValue));
        }
        return new Deployment(text(item, "service"), text(item, "version"), text(item, "environment"), time.get(),
                text(item, "who"), text(item, "commit"), text(item, "link"), text(item, "status"), source);
    }

    private String text(JsonNode item, String field) {
        return JsonValues.scalarText(value(item, field));
    }

    private JsonNode value(JsonNode item, String field) {
        String name = names.get(field);
        return name.startsWith("/") ? item.at(name) : item.path(name);
    }

    @Override
    public String toString() {
        return names.toString();
    }

    /** Why one entry was skipped, e.g. {@code no "finished_at"}. */
    static final class InvalidEntry extends Exception {
        InvalidEntry(String reason) {
            super(reason, null, false, false);
        }
    }
}
