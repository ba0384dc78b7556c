package dev.watchdog.alerting;

import dev.watchdog.gotemplate.AlertTemplate;
import dev.watchdog.gotemplate.QueryFunction;
import dev.watchdog.gotemplate.TemplateData;
import dev.watchdog.gotemplate.TemplateException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders rule labels and annotations per alert with Prometheus' template language. Templates
 * were checked when the config loaded; one that still fails while rendering shows the error in
 * its place, as Prometheus does, rather than stopping the alert.
 */
public final class AlertTemplates {

    private static final Logger log = LoggerFactory.getLogger(AlertTemplates.class);

    private final Map<String, String> externalLabels;
    private final String externalUrl;
    private final QueryFunction query;
    private final Map<String, AlertTemplate> parsed = new ConcurrentHashMap<>();

    /** @param query runs {@code query "..."} in templates; null leaves the function unavailable */
    public AlertTemplates(Map<String, String> externalLabels, String externalUrl, QueryFunction query) {
        this.externalLabels = Map.copyOf(externalLabels);
        this.externalUrl = externalUrl;
        this.query = query;
    }

    /** Without external labels or queries: for tests and tools. */
    public AlertTemplates(Map<String, String> externalLabels) {
        this(externalLabels, "", null);
    }

    /** Checks that a template parses; the exception says where and what is wrong. */
    public static void check(String name, String source) throws TemplateException {
        check(name, source, List.of());
    }

    /** As {@link #check(String, String)}, for a template that may also use {@code variables} (e.g. {@code $observed}). */
    public static void check(String name, String source, List<String> variables) throws TemplateException {
        if (source.contains("{{")) {
            AlertTemplate.parse(name, source, variables);
        }
    }

    public String expand(String name, String template, Map<String, String> labels, double value, Instant at) {
        return expand(name, template, labels, value, Map.of(), at);
    }

    /** @param variables further numbers the template sees by name (an anomaly rule's {@code $observed}, ...) */
    public String expand(String name, String template, Map<String, String> labels, double value,
            Map<String, Double> variables, Instant at) {
        if (!template.contains("{{")) {
            return template;
        }
        try {
            // The same text may be parsed with and without further variables (an alert and an anomaly rule).
            String key = variables.keySet().stream().sorted().toList() + template;
            AlertTemplate compiled = parsed.get(key);
            if (compiled == null) {
                compiled = AlertTemplate.parse(name, template, List.copyOf(variables.keySet()));
                parsed.put(key, compiled);
            }
            return compiled.render(new TemplateData(labels, externalLabels, externalUrl, value, query, variables), at);
        } catch (TemplateException failure) {
            log.warn("template {} failed: {}", name, failure.getMessage());
            return "<error expanding template: " + failure.getMessage() + ">";
        }
    }
}
