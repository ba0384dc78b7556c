package dev.watchdog.gotemplate;

import java.util.Map;

/**
 * What an alert template sees: the alert's labels ({@code $labels}, {@code .Labels}), the external labels,
 * the external URL, the value that fired ({@code $value}) and, optionally, a query hook for {@code query}
 * (null means {@code query} fails with "query is not available here").
 */
public record TemplateData(Map<String, String> labels, Map<String, String> externalLabels, String externalUrl,
                           double value, QueryFunction query) {

    public TemplateData {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        externalLabels = externalLabels == null ? Map.of() : Map.copyOf(externalLabels);
        externalUrl = externalUrl == null ? "" : externalUrl;
    }
}
