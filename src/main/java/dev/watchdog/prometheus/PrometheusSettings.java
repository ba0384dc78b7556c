package dev.watchdog.prometheus;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Urls;
import java.time.Duration;
import java.util.Map;

/**
 * @param externalLabels labels of this Watchdog as {@code $externalLabels} in templates
 * @param unreachableAfter failed polls in a row before WatchdogPrometheusUnreachable fires
 * @param importAlerts also take Prometheus' own firing alerts (/api/v1/alerts) each poll
 * @param ruleQueryOffset how far back rules query by default, as Prometheus' {@code global.rule_query_offset}
 * @param substituteRecordingRules whether alert expressions that read a recording rule get its expression
 *     substituted in (false: the user's Prometheus evaluates the recording rules and the series are read)
 */
public record PrometheusSettings(String url, Duration pollInterval, Duration queryTimeout,
        Map<String, String> externalLabels, int unreachableAfter, boolean importAlerts, Duration ruleQueryOffset,
        boolean substituteRecordingRules) {

    public PrometheusSettings {
        externalLabels = Map.copyOf(externalLabels);
    }

    public static PrometheusSettings bind(ConfigNode node) {
        node.allowOnly("url", "poll-interval", "query-timeout", "external-labels", "unreachable-after",
                "import-alerts", "rule-query-offset", "substitute-recording-rules");
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
                node.bool("import-alerts", false),
                node.duration("rule-query-offset", Duration.ZERO),
                node.bool("substitute-recording-rules", true));
    }

    public static PrometheusSettings defaults() {
        return new PrometheusSettings("http://localhost:9090", Duration.ofSeconds(30), Duration.ofSeconds(10), Map.of(), 3, false,
                Duration.ZERO, true);
    }
}
