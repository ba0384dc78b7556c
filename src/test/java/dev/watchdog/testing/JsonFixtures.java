package dev.watchdog.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON fixture files from the test classpath. Templates mark the fields a fake fills in per message with
 * values starting with {@link #PLACEHOLDER_PREFIX}; {@link #requireFilledIn} catches a template field that a fake forgot to fill.
 */
public final class JsonFixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** Used in fixture templates for values that differ on every envelope or call. */
    public static final String PLACEHOLDER_PREFIX = "filled-in-per-";

    private static final Map<String, JsonNode> CACHE = new ConcurrentHashMap<>();

    private JsonFixtures() {
    }

    /** A fresh, mutable copy of the JSON object in {@code resource} (e.g. {@code slack/socket-mode/hello.json}). */
    public static ObjectNode object(String resource) {
        JsonNode parsed = CACHE.computeIfAbsent(resource, JsonFixtures::parse);
        if (!parsed.isObject()) {
            throw new IllegalArgumentException(resource + " is not a JSON object");
        }
        return parsed.deepCopy();
    }

    /** Parses JSON text, turning Jackson's checked exception into an unchecked one for use in lambdas. */
    public static JsonNode parseText(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not valid JSON: " + json, e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails if a template placeholder survived: the fake would otherwise send a silently wrong payload. */
    public static String requireFilledIn(JsonNode node, String describe) {
        String json = write(node);
        if (json.contains(PLACEHOLDER_PREFIX)) {
            throw new IllegalStateException(describe + " still contains a template placeholder: " + json);
        }
        return json;
    }

    private static JsonNode parse(String resource) {
        try (InputStream in = JsonFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture on the test classpath: " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + resource, e);
        }
    }
}
