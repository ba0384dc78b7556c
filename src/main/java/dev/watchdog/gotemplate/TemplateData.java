package dev.watchdog.gotemplate;

import java.util.Map;

/**
 * What an alert template sees: the alert's labels ({@code $labels}, {@code .Labels}), the external labels,
 * the external URL, the value that fired ({@code $value}), optionally a query hook for {@code query}
 * (null means {@code query} fails with "query is not available here") and further numbers as variables
 * (an anomaly rule's {@code $observed}), which the template must have been parsed with.
 */
public record TemplateData(Map<String, String> labels, Map<String, String> externalLabels, String externalUrl,
                           double value, QueryFunction query, Map<String, Double> variables) {

    public TemplateData(Map<String, String> labels, Map<String, String> externalLabels, String externalUrl,
            double value, QueryFunction query) {
        this(labels, externalLabels, externalUrl, value, query, Map.of());
    }

    public TemplateData {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        externalLabels = externalLabels == null ? Map.of() : Map.copyOf(externalLabels);
        externalUrl = externalUrl == null ? "" : externalUrl;
    }
}
