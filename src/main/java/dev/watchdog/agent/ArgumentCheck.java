package dev.watchdog.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a tool call's arguments against the tool's specification before anything runs.
 * LangChain4j silently ignores arguments a method does not have and passes null for missing
 * ones; a model that sends {@code {"query": ..., "limit": 5}} should learn that {@code limit}
 * does nothing rather than believe it was applied.
 */
final class ArgumentCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ArgumentCheck() {
    }

    /** What is wrong with the arguments, as a sentence for the model; empty when nothing is. */
    static Optional<String> problem(ToolSpecification spec, String arguments) {
        JsonNode parsed;
        try {
            parsed = arguments == null || arguments.isBlank() ? null : JSON.readTree(arguments);
        } catch (IOException e) {
            return Optional.of("the arguments are not valid JSON");
        }
        JsonNode json = parsed == null || parsed.isNull() ? JSON.createObjectNode() : parsed;
        if (!json.isObject()) {
            return Optional.of("the arguments must be a JSON object");
        }
        JsonObjectSchema schema = spec.parameters();
        Map<String, ?> properties = schema == null || schema.properties() == null ? Map.of() : schema.properties();
        List<String> required = schema == null || schema.required() == null ? List.of() : schema.required();
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!properties.containsKey(name)) {
                unknown.add(name);
            }
        }
        List<String> missing = required.stream().filter(name -> json.path(name).isMissingNode()
                || json.path(name).isNull()).toList();
        if (unknown.isEmpty() && missing.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("unknown argument" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown));
        }
        if (!missing.isEmpty()) {
            problems.add("missing required argument" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing));
        }
        return Optional.of(String.join("; ", problems) + " (" + allowed(properties.keySet(), required) + ")");
    }

    private static String allowed(Iterable<String> names, List<String> required) {
        List<String> described = new ArrayList<>();
        for (String name : names) {
            described.add(required.contains(name) ? name + " (required)" : name);
        }
        return described.isEmpty() ? "this tool takes no arguments" : "allowed: " + String.join(", ", described);
    }
}
