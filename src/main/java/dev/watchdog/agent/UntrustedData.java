package dev.watchdog.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchdog.security.Redactor;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Puts text that did not come from Watchdog or the person asking (tool results, alert labels and
 * annotations, earlier thread messages) in front of the model as quoted data: redacted, and
 * inside an element such as {@code <tool-output untrusted="true">} that the system prompt says is
 * never an instruction. Text that tries to close or open such an element is defused, so a log
 * line cannot end the quote early and speak with the prompt's voice.
 */
public final class UntrustedData {

    public static final String TOOL_OUTPUT = "tool-output";
    public static final String ALERT_DATA = "alert-data";
    public static final String THREAD_HISTORY = "thread-history";

    private static final Pattern BOUNDARY = Pattern.compile("(?i)<(\\s*/?\\s*)(tool-output|alert-data|thread-history)");
    private static final Pattern NOT_A_NAME = Pattern.compile("[^A-Za-z0-9_.-]");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Redactor redactor;

    public UntrustedData(Redactor redactor) {
        this.redactor = redactor;
    }

    public String redact(String text) {
        return redactor.redact(text);
    }

    /** A tool's result (or its error), as the model receives it. */
    public String toolOutput(String tool, String text) {
        return wrap(TOOL_OUTPUT, "tool=\"" + NOT_A_NAME.matcher(tool).replaceAll("_") + "\"", text);
    }

    /** The alert as JSON, every label and annotation value redacted and quoted. */
    public String alertData(AlertContext alert) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", alert.id());
        json.put("rule", redact(alert.ruleName()));
        json.put("state", alert.state());
        if (!Double.isNaN(alert.value())) {
            json.put("value", alert.value());
        }
        if (alert.firedAt() != null) {
            json.put("since", DateTimeFormatter.ISO_INSTANT.format(alert.firedAt()));
        }
        if (alert.expr() != null) {
            json.put("expr", redact(alert.expr()));
        }
        putAll(json.putObject("labels"), alert.sortedLabels());
        putAll(json.putObject("annotations"), alert.sortedAnnotations());
        return wrap(ALERT_DATA, "", write(json));
    }

    /** Earlier messages of a Slack thread, one JSON object per line. */
    public String threadHistory(List<ThreadMessage> messages) {
        StringBuilder lines = new StringBuilder();
        for (ThreadMessage message : messages) {
            ObjectNode json = JSON.createObjectNode();
            json.put("at", message.at() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(message.at()));
            json.put("from", redact(message.author()) + (message.bot() ? " (bot)" : ""));
            json.put("text", redact(message.text()));
            lines.append(json).append('\n');
        }
        return wrap(THREAD_HISTORY, "", lines.toString());
    }

    private void putAll(ObjectNode object, Map<String, String> values) {
        values.forEach((key, value) -> object.put(redact(key), redact(value)));
    }

    private String wrap(String element, String attributes, String text) {
        String body = BOUNDARY.matcher(redact(text == null ? "" : text)).replaceAll("‹$1$2");
        String open = "<" + element + (attributes.isEmpty() ? "" : " " + attributes) + " untrusted=\"true\">";
        return open + "\n" + body.strip() + "\n</" + element + ">";
    }

    private static String write(ObjectNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
