package dev.watchdog.agent.prework;

import dev.watchdog.agent.AlertContext;
import dev.watchdog.prometheus.ChangePoints;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.RangeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Series of the alert's neighbours (the same job, service, app or namespace) that changed at the
 * same time as the alert. Cheap and bounded: one metric-name lookup and at most
 * {@value #MAX_QUERIES} range queries, chosen by name among the usual suspects (up, errors,
 * requests, latency, CPU, memory, pools, queues, disks, certificates).
 */
final class NeighbourSeries {

    static final int MAX_QUERIES = 6;
    /** A change this close to the onset counts as "at the same time". */
    static final Duration NEAR = Duration.ofMinutes(5);
    static final List<String> SCOPE_LABELS = List.of("job", "service", "app", "namespace");
    /** Name fragments in order of interest: the earlier, the more often the cause. */
    static final List<List<String>> SUSPECTS = List.of(
            List.of("up"),
            List.of("error", "fail", "5xx", "exception"),
            List.of("pool", "connection", "conn_"),
            List.of("cpu", "throttl"),
            List.of("memory", "heap", "rss"),
            List.of("queue", "lag", "backlog", "pending", "consume", "processed", "messages"),
            List.of("disk", "filesystem", "fs_", "volume"),
            List.of("cert", "expir", "ssl", "tls"),
            List.of("latency", "duration", "seconds_bucket"),
            List.of("request", "http", "rpc"),
            List.of("gc", "thread", "goroutine", "restart"));

    private final PrometheusClient prometheus;

    NeighbourSeries(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    /** The selector for the alert's neighbours, e.g. {@code {job="api"}}; empty when the alert has none of the labels. */
    static Optional<String> selector(AlertContext alert) {
        for (String label : SCOPE_LABELS) {
            String value = alert.labels().get(label);
            if (value != null && !value.isBlank()) {
                return Optional.of("{" + label + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            }
        }
        return Optional.empty();
    }

    /** The queries to run: at most MAX_QUERIES, the most telling names first, none the alert already reads. */
    static List<String> queries(List<String> names, String selector, String alertExpr) {
        List<String> chosen = new ArrayList<>();
        names.stream()
                .filter(name -> !name.endsWith("_sum") && !name.endsWith("_created") && !name.endsWith("_count")
                        && !name.endsWith("_info") && !readsMetric(alertExpr, name))
                .filter(name -> rank(name) < SUSPECTS.size())
                .sorted(Comparator.comparingInt(NeighbourSeries::rank).thenComparing(Comparator.naturalOrder()))
                .limit(MAX_QUERIES)
                .forEach(name -> chosen.add(query(name, selector)));
        return chosen;
    }

    /** Whether {@code expr} names the metric as a whole word ("up" is not in "kafka_consumergroup_lag"). */
    static boolean readsMetric(String expr, String name) {
        return expr != null && java.util.regex.Pattern.compile("(?<![A-Za-z0-9_:])" + java.util.regex.Pattern.quote(name)
                + "(?![A-Za-z0-9_:])").matcher(expr).find();
    }

    static String query(String name, String selector) {
        String series = name + selector;
        if (name.endsWith("_bucket")) {
            return "histogram_quantile(0.99, sum by (le) (rate(" + series + "[5m])))";
        }
        if (name.endsWith("_total")) {
            return "sum(rate(" + series + "[5m]))";
        }
        return name.equals("up") ? "min(" + series + ")" : "max(" + series + ")";
    }

    private static int rank(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("up")) {
            return 0;
        }
        for (int i = 1; i < SUSPECTS.size(); i++) {
            for (String fragment : SUSPECTS.get(i)) {
                if (lower.contains(fragment)) {
                    return i;
                }
            }
        }
        return SUSPECTS.size();
    }

    /** What changed near the onset, nearest first; lookups that fail are added to {@code problems}. */
    List<NeighbourChange> changedNear(AlertContext alert, Instant onset, Instant start, Instant end, Duration step,
            List<String> problems) {
        Optional<String> selector = selector(alert);
        if (selector.isEmpty()) {
            return List.of();
        }
        List<String> names;
        try {
            names = prometheus.metricNames(selector.get());
        } catch (RuntimeException e) {
            problems.add("metric names of " + selector.get() + ": " + e.getMessage());
            return List.of();
        }
        List<NeighbourChange> changes = new ArrayList<>();
        for (String query : queries(names, selector.get(), alert.expr())) {
            try {
                for (RangeSeries series : prometheus.queryRange(query, start, end, step)) {
                    nearest(ChangePoints.find(series.points()), onset)
                            .ifPresent(change -> changes.add(new NeighbourChange(query, change)));
                }
            } catch (RuntimeException e) {
                problems.add(query + ": " + e.getMessage());
            }
        }
        changes.sort(Comparator.comparing(change -> Duration.between(onset, change.change().time()).abs()));
        return changes;
    }

    private static Optional<ChangePoints.Change> nearest(ChangePoints.Result found, Instant onset) {
        return found.changes().stream()
                .filter(change -> Duration.between(onset, change.time()).abs().compareTo(NEAR) <= 0)
                .min(Comparator.comparing(change -> Duration.between(onset, change.time()).abs()));
    }
}
