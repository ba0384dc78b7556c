package dev.watchdog.agent.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.agent.AlertContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One investigation case: a folder with {@code case.yml} (the alert and the moment it is
 * investigated), the recorded tool outputs ({@code prometheus.json}, {@code logs.log},
 * {@code deployments.jsonl}), {@code expected.yml} (what a diagnosis must contain and must not
 * claim) and, for the scripted-model run, {@code model.yml} (tool calls and the final answer).
 *
 * @param script the scripted model's turn, or null when the case has no {@code model.yml}
 */
public record EvalCase(String name, Path dir, String category, Instant now, AlertContext alert, Expected expected,
        Script script) {

    /**
     * @param rootCause    any one of these (case-insensitive) names the root cause
     * @param facts        key evidence: each fact is found when any of its alternatives is
     * @param mustNotClaim text that must not appear in what the diagnosis claims (cause, summary, next steps)
     */
    public record Expected(List<String> rootCause, List<List<String>> facts, List<String> mustNotClaim) {
    }

    /** A scripted model: these tool calls in order, then this answer (the analysis JSON). */
    public record Script(List<ToolStep> steps, String answer) {
    }

    public record ToolStep(String tool, String arguments) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every case folder under {@code root} (folders with a case.yml), by name. */
    public static List<EvalCase> loadAll(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a folder of eval cases");
        }
        List<EvalCase> cases = new ArrayList<>();
        try (var folders = Files.list(root)) {
            for (Path dir : folders.sorted().toList()) {
                if (Files.isRegularFile(dir.resolve("case.yml"))) {
                    cases.add(load(dir));
                }
            }
        }
        if (cases.isEmpty()) {
            throw new IOException(root + " has no eval cases (folders with a case.yml)");
        }
        return cases;
    }

    /** Reads one case; a missing or malformed field is an IOException naming the file and the field. */
    public static EvalCase load(Path dir) throws IOException {
        Map<String, Object> spec = yaml(dir.resolve("case.yml"));
        Map<String, Object> alert = map(spec, "alert", dir.resolve("case.yml"));
        Instant now = instant(spec, "now", dir.resolve("case.yml"));
        AlertContext context = new AlertContext(1, text(alert, "rule", ""), strings(alert.get("labels")),
                strings(alert.get("annotations")), text(alert, "state", "firing"),
                alert.get("value") instanceof Number number ? number.doubleValue() : Double.NaN,
                instant(alert, "fired_at", dir.resolve("case.yml")), text(alert, "expr", null), null);
        Map<String, Object> expected = yaml(dir.resolve("expected.yml"));
        List<List<String>> facts = new ArrayList<>();
        for (Object fact : list(expected.get("facts"))) {
            facts.add(fact instanceof List<?> alternatives ? alternatives.stream().map(String::valueOf).toList()
                    : List.of(String.valueOf(fact)));
        }
        Expected wanted = new Expected(list(expected.get("root_cause")).stream().map(String::valueOf).toList(), facts,
                list(expected.get("must_not_claim")).stream().map(String::valueOf).toList());
        Path model = dir.resolve("model.yml");
        return new EvalCase(dir.getFileName().toString(), dir, text(spec, "category", "other"), now, context, wanted,
                Files.exists(model) ? script(yaml(model), model) : null);
    }

    private static Script script(Map<String, Object> spec, Path file) throws IOException {
        List<ToolStep> steps = new ArrayList<>();
        for (Object step : list(spec.get("steps"))) {
            if (!(step instanceof Map<?, ?> call) || call.get("tool") == null) {
                throw new IOException(file + ": every step needs a tool");
            }
            steps.add(new ToolStep(String.valueOf(call.get("tool")), json(call.get("arguments"), file)));
        }
        Object answer = spec.get("answer");
        if (!(answer instanceof Map<?, ?>)) {
            throw new IOException(file + ": answer must be the analysis as a mapping");
        }
        return new Script(steps, json(answer, file));
    }

    private static String json(Object value, Path file) throws IOException {
        try {
            return JSON.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing");
        }
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IOException(file + " must be a YAML mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> out.put(String.valueOf(key), value));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> spec, String key, Path file) throws IOException {
        if (!(spec.get(key) instanceof Map<?, ?> map)) {
            throw new IOException(file + ": " + key + " must be a mapping");
        }
        return (Map<String, Object>) map;
    }

    private static Instant instant(Map<String, Object> spec, String key, Path file) throws IOException {
        Object value = spec.get(key);
        try {
            return value instanceof java.util.Date date ? date.toInstant() : Instant.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new IOException(file + ": " + key + " must be an RFC 3339 time such as 2026-03-01T10:45:00Z, was "
                    + value, e);
        }
    }

    private static String text(Map<String, Object> spec, String key, String fallback) {
        Object value = spec.get(key);
        return value == null ? fallback : String.valueOf(value);
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> out.put(String.valueOf(key), String.valueOf(item)));
        }
        return out;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
