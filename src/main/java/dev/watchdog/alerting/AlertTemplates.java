package dev.watchdog.alerting;

import dev.watchdog.gotemplate.AlertTemplate;
import dev.watchdog.gotemplate.QueryFunction;
import dev.watchdog.gotemplate.TemplateData;
import dev.watchdog.gotemplate.TemplateException;
import java.time.Instant;
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
        if (source.contains("{{")) {
            AlertTemplate.parse(name, source);
        }
    }

    public String expand(String name, String template, Map<String, String> labels, double value, Instant at) {
        if (!template.contains("{{")) {
            return template;
        }
        try {
            AlertTemplate compiled = parsed.get(template);
            if (compiled == null) {
                compiled = AlertTemplate.parse(name, template);
                parsed.put(template, compiled);
            }
            return compiled.render(new TemplateData(labels, externalLabels, externalUrl, value, query), at);
        } catch (TemplateException failure) {
            log.warn("template {} failed: {}", name, failure.getMessage());
            return "<error expanding template: " + failure.getMessage() + ">";
        }
    }
}
