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
 * @param maxConcurrentQueries how many rule groups evaluate (and query Prometheus) at once; {@link #AUTO}: half the
 *     server's {@code query.max-concurrency}, read at start
 * @param batchRuleQueries whether several rules of a group are asked in one query (see GroupQueries)
 */
public record PrometheusSettings(String url, Duration pollInterval, Duration queryTimeout,
        Map<String, String> externalLabels, int unreachableAfter, boolean importAlerts, Duration ruleQueryOffset,
        boolean substituteRecordingRules, int maxConcurrentQueries, boolean batchRuleQueries) {

    /** {@code max-concurrent-queries: auto}. */
    public static final int AUTO = 0;
    static final int MAX_CONCURRENT_QUERIES = 1000;

    public PrometheusSettings {
        externalLabels = Map.copyOf(externalLabels);
    }

    /** Settings with the defaults of the rule-evaluation keys: concurrency sized to the server, no batching. */
    public PrometheusSettings(String url, Duration pollInterval, Duration queryTimeout,
            Map<String, String> externalLabels, int unreachableAfter, boolean importAlerts, Duration ruleQueryOffset,
            boolean substituteRecordingRules) {
        this(url, pollInterval, queryTimeout, externalLabels, unreachableAfter, importAlerts, ruleQueryOffset,
                substituteRecordingRules, AUTO, false);
    }

    public static PrometheusSettings bind(ConfigNode node) {
        node.allowOnly("url", "poll-interval", "query-timeout", "external-labels", "unreachable-after",
                "import-alerts", "rule-query-offset", "substitute-recording-rules", "max-concurrent-queries",
                "batch-rule-queries");
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
                node.bool("substitute-recording-rules", true),
                maxConcurrentQueries(node),
                node.bool("batch-rule-queries", false));
    }

    /** {@code auto} (the default) or a whole number of groups evaluated at once. */
    private static int maxConcurrentQueries(ConfigNode node) {
        String key = "max-concurrent-queries";
        if (node.field(key).flatMap(ConfigNode::text).map(text -> text.trim().equals("auto")).orElse(true)) {
            return AUTO;
        }
        String allowed = "allowed: auto, or 1 to " + MAX_CONCURRENT_QUERIES;
        ConfigNode value = node.field(key).orElseThrow();
        String text = value.text().orElse("").trim();
        try {
            int parsed = Integer.parseInt(text);
            if (parsed >= 1 && parsed <= MAX_CONCURRENT_QUERIES) {
                return parsed;
            }
            value.problem(parsed + " is out of range (" + allowed + ")");
        } catch (NumberFormatException notNumber) {
            value.problem("\"" + text + "\" is neither auto nor a whole number (" + allowed + ")");
        }
        return AUTO;
    }

    public static PrometheusSettings defaults() {
        return new PrometheusSettings("http://localhost:9090", Duration.ofSeconds(30), Duration.ofSeconds(10), Map.of(), 3, false,
                Duration.ZERO, true);
    }
}
