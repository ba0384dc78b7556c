package dev.watchdog.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.alerting.notify.Thresholds;
import dev.watchdog.security.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the model's analysis (JSON, as {@code alert-analysis.md} asks for it) into an
 * {@link Analysis}, and says precisely what is wrong when it cannot, so the model can be asked
 * once more with that list. Tolerates what models commonly add around JSON (a code fence, a
 * sentence before it); everything inside must be right. Text is redacted and cut to a size
 * that fits a Slack message.
 */
final class AnalysisParser {

    static final int MAX_EVIDENCE = 8;
    static final int MAX_NEXT_STEPS = 5;
    static final int MAX_TEXT_CHARS = 600;
    static final int MAX_SOURCE_CHARS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prometheusUrl;
    private final Redactor redactor;

    /** @param prometheusUrl where graph links for PromQL evidence point; null for no links */
    AnalysisParser(String prometheusUrl, Redactor redactor) {
        this.prometheusUrl = prometheusUrl;
        this.redactor = redactor;
    }

    /** The analysis, or the problems that kept it from being one. */
    record Outcome(Analysis analysis, List<String> problems) {
        boolean ok() {
            return analysis != null;
        }
    }

    Outcome parse(String text) {
        if (text == null || text.isBlank()) {
            return failed(List.of("the reply was empty"));
        }
        Optional<String> object = jsonObject(text);
        if (object.isEmpty()) {
            return failed(List.of("the reply contains no JSON object"));
        }
        JsonNode json;
        try {
            json = JSON.readTree(object.get());
        } catch (JsonProcessingException e) {
            return failed(List.of("the reply is not valid JSON (" + e.getOriginalMessage() + ")"));
        }
        List<String> problems = new ArrayList<>();
        String what = requiredText(json, "whatIsHappening", problems);
        String cause = requiredText(json, "likelyCause", problems);
        List<Evidence> evidence = evidence(json.get("evidence"), problems);
        List<String> steps = nextSteps(json.get("nextSteps"), problems);
        Analysis.Severity severity = severity(json.get("severity"), problems);
        double confidence = confidence(json.get("confidence"), problems);
        JsonNode human = json.get("humanNeededNow");
        if (human == null || !human.isBoolean()) {
            problems.add("\"humanNeededNow\" must be true or false");
        }
        if (!problems.isEmpty()) {
            return failed(problems);
        }
        return new Outcome(new Analysis(what, cause, evidence, steps, severity, confidence, human.asBoolean()),
                List.of());
    }

    /** What to tell the model when its answer could not be used. */
    static String correctionRequest(List<String> problems) {
        return "Your reply could not be used as the analysis: " + String.join("; ", problems) + ".\n"
                + "Reply again with only the JSON object described before (whatIsHappening, likelyCause, evidence, "
                + "nextSteps, severity, confidence, humanNeededNow), nothing else. Do not call tools again unless "
                + "you must.";
    }

    /** From the first "{" to the last "}": drops code fences and sentences around the object. */
    private static Optional<String> jsonObject(String text) {
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        return start < 0 || end < start ? Optional.empty() : Optional.of(text.substring(start, end + 1));
    }

    private String requiredText(JsonNode json, String field, List<String> problems) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add("\"" + field + "\" must be a non-empty string");
            return "";
        }
        return clean(value.asText(), MAX_TEXT_CHARS);
    }

    private List<Evidence> evidence(JsonNode array, List<String> problems) {
        if (array == null || !array.isArray()) {
            problems.add("\"evidence\" must be an array");
            return List.of();
        }
        List<Evidence> items = new ArrayList<>();
        for (int i = 0; i < array.size() && items.size() < MAX_EVIDENCE; i++) {
            JsonNode item = array.get(i);
            String at = "evidence[" + i + "]";
            if (!item.isObject()) {
                problems.add(at + " must be an object");
                continue;
            }
            String kind = item.path("kind").asText("").strip().toLowerCase(Locale.ROOT);
            if (!Evidence.KINDS.contains(kind)) {
                problems.add(at + ".kind must be one of " + String.join(", ", Evidence.KINDS));
                continue;
            }
            String source = item.path("source").isTextual() ? clean(item.path("source").asText(), MAX_SOURCE_CHARS) : "";
            if (source.isBlank() && (kind.equals(Evidence.PROMQL) || kind.equals(Evidence.LOG))) {
                problems.add(at + ".source must be the exact " + (kind.equals(Evidence.PROMQL) ? "PromQL query"
                        : "log line") + " for kind \"" + kind + "\"");
                continue;
            }
            if (!item.path("finding").isTextual() || item.path("finding").asText().isBlank()) {
                problems.add(at + ".finding must be a non-empty string");
                continue;
            }
            String link = kind.equals(Evidence.PROMQL) && prometheusUrl != null
                    ? Thresholds.graphUrl(prometheusUrl, source) : null;
            items.add(new Evidence(kind, source, clean(item.path("finding").asText(), MAX_TEXT_CHARS), link));
        }
        return items;
    }

    private List<String> nextSteps(JsonNode array, List<String> problems) {
        if (array == null || !array.isArray()) {
            problems.add("\"nextSteps\" must be an array of strings");
            return List.of();
        }
        List<String> steps = new ArrayList<>();
        for (JsonNode step : array) {
            if (!step.isTextual()) {
                problems.add("\"nextSteps\" must contain only strings");
                return List.of();
            }
            if (!step.asText().isBlank() && steps.size() < MAX_NEXT_STEPS) {
                steps.add(clean(step.asText(), MAX_TEXT_CHARS));
            }
        }
        return steps;
    }

    private static Analysis.Severity severity(JsonNode value, List<String> problems) {
        Optional<Analysis.Severity> severity = value != null && value.isTextual()
                ? Analysis.Severity.parse(value.asText()) : Optional.empty();
        if (severity.isEmpty()) {
            problems.add("\"severity\" must be one of \"low\", \"medium\", \"high\", \"critical\"");
            return Analysis.Severity.MEDIUM;
        }
        return severity.get();
    }

    private static double confidence(JsonNode value, List<String> problems) {
        if (value == null || !value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1
                || Double.isNaN(value.asDouble())) {
            problems.add("\"confidence\" must be a number from 0 to 1");
            return 0;
        }
        return value.asDouble();
    }

    private String clean(String text, int max) {
        String redacted = redactor.redact(text.strip());
        return redacted.length() <= max ? redacted : redacted.substring(0, max - 1) + "…";
    }

    private static Outcome failed(List<String> problems) {
        return new Outcome(null, List.copyOf(problems));
    }
}
