package dev.watchdog.prometheus;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert as Prometheus' own rule engine sees it ({@code /api/v1/alerts}).
 *
 * @param state    {@code pending} or {@code firing}
 * @param activeAt when the alert's expression first became true
 * @param value    the expression's value as Prometheus formats it (e.g. {@code 1e+00})
 */
public record PrometheusAlert(
        Map<String, String> labels,
        Map<String, String> annotations,
        String state,
        Instant activeAt,
        String value) {

    public PrometheusAlert {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }
}
