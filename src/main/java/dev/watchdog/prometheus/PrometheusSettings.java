package dev.watchdog.prometheus;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Urls;
import java.time.Duration;
import java.util.Map;

/**
 * @param externalLabels labels of this Watchdog as {@code $externalLabels} in templates
 * @param unreachableAfter failed polls in a row before WatchdogPrometheusUnreachable fires
 * @param importAlerts also take Prometheus' own firing alerts (/api/v1/alerts) each poll
 */
public record PrometheusSettings(String url, Duration pollInterval, Duration queryTimeout,
        Map<String, String> externalLabels, int unreachableAfter, boolean importAlerts) {

    public PrometheusSettings {
        externalLabels = Map.copyOf(externalLabels);
    }

    public static PrometheusSettings bind(ConfigNode node) {
        node.allowOnly("url", "poll-interval", "query-timeout", "external-labels", "unreachable-after",
                "import-alerts");
        Duration poll = node.duration("poll-interval", Duration.ofSeconds(30),
                interval -> interval.compareTo(Duration.ofSeconds(1)) >= 0, "must be at least 1s");
        Duration timeout = node.duration("query-timeout", Duration.ofSeconds(10),
                given -> !given.isZero(), "must be more than 0s");
        return new PrometheusSettings(
                Urls.httpUrl(node, "url", "http://localhost:9090"),
                poll,
                timeout,
                node.stringMap("external-labels"),
                node.integer("unreachable-after", 3, 1, 1000),
                node.bool("import-alerts", false));
    }

    public static PrometheusSettings defaults() {
        return new PrometheusSettings("http://localhost:9090", Duration.ofSeconds(30), Duration.ofSeconds(10), Map.of(), 3, false);
    }
}
