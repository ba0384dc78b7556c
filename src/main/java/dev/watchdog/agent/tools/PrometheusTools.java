package dev.watchdog.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.watchdog.config.Durations;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.RangeSeries;
import dev.watchdog.prometheus.SeriesCompactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * PromQL for the model: queries and metric discovery, through the read-only
 * {@link PrometheusClient}. Results are compacted, never raw JSON.
 */
public final class PrometheusTools {

    /** About this many points per series when the model gives no step: plenty for a 12-part shape. */
    static final int DEFAULT_POINTS = 240;
    /** A step finer than this many points per series is coarsened: the model never sees them anyway. */
    static final int MAX_POINTS = 1000;
    static final int MAX_NAMES = 100;
    private static final Duration MIN_STEP = Duration.ofSeconds(1);

    private final PrometheusClient prometheus;
    private final SeriesCompactor compactor;
    private final Clock clock;
    private final Duration maxRange;

    public PrometheusTools(PrometheusClient prometheus, SeriesCompactor compactor, Clock clock, Duration maxRange) {
        this.prometheus = prometheus;
        this.compactor = compactor;
        this.clock = clock;
        this.maxRange = maxRange;
    }

    @Tool(name = "query_prometheus", value = "Runs a read-only PromQL query. Without a range it returns the "
            + "current value of each series; with a range (e.g. 30m, 1h) it summarises each series over that "
            + "time up to now: min/avg/max/last, trend, when its data starts and ends, its change points (level "
            + "shifts and slope changes with their UTC times and before/after values) and when its current "
            + "excursion began.")
    public String queryPrometheus(
            @P("The PromQL expression, e.g. sum by (status) (rate(http_requests_total[5m]))") String promql,
            @P(value = "How far back to look, e.g. 1h; leave out for the current value only", required = false)
            String range,
            @P(value = "Resolution of a range query, e.g. 1m; leave out to get about 240 points per series",
                    required = false) String step) {
        if (ToolArguments.isBlank(promql)) {
            throw new ToolFailure("query_prometheus was not run: promql is empty");
        }
        Duration window = ToolArguments.duration("query_prometheus", "range", range, maxRange).orElse(null);
        if (window == null) {
            if (!ToolArguments.isBlank(step)) {
                throw new ToolFailure("query_prometheus was not run: a step needs a range; give both, or neither "
                        + "for the current value");
            }
            return asked(promql, () -> compactor.instant(prometheus.query(promql, clock.instant())));
        }
        Duration resolution = ToolArguments.duration("query_prometheus", "step", step, window)
                .orElse(atLeast(window.dividedBy(DEFAULT_POINTS), MIN_STEP));
        String note = "";
        Duration coarsest = atLeast(window.dividedBy(MAX_POINTS), MIN_STEP);
        if (resolution.compareTo(coarsest) < 0) {
            note = "(step raised from " + Durations.format(resolution) + " to " + Durations.format(coarsest)
                    + " to keep at most " + MAX_POINTS + " points per series)\n";
            resolution = coarsest;
        }
        Instant end = clock.instant();
        Duration finalStep = resolution;
        return note + asked(promql, () -> {
            List<RangeSeries> series = prometheus.queryRange(promql, end.minus(window), end, finalStep);
            return compactor.range(series, SeriesCompactor.Window.ending(end, window, finalStep), null, null);
        });
    }

    @Tool(name = "list_metrics", value = "Lists metric names Prometheus knows, to find the right metric "
            + "before querying it.")
    public String listMetrics(
            @P(value = "Part of a metric name (e.g. http_request), or a series selector such as {job=\"api\"}; "
                    + "leave out for all names", required = false) String match) {
        List<String> names = asked("list_metrics", match, () -> prometheus.metricNames(match));
        String what = ToolArguments.isBlank(match) ? "" : " matching \"" + match.strip() + "\"";
        return capped(names.stream().sorted().toList(), names.size() + " metric names" + what,
                "give a more specific match");
    }

    @Tool(name = "label_values", value = "Lists the values a label has, e.g. every job, instance or status code.")
    public String labelValues(
            @P("The label name, e.g. job, instance, namespace") String label,
            @P(value = "A series selector to look only at some series, e.g. http_requests_total{job=\"api\"}",
                    required = false) String match) {
        if (ToolArguments.isBlank(label)) {
            throw new ToolFailure("label_values was not run: label is empty");
        }
        String selector = ToolArguments.isBlank(match) ? null : match;
        List<String> values = asked("label_values", label + (selector == null ? "" : " on " + selector),
                () -> prometheus.labelValues(label.strip(), selector, null, null));
        return capped(values.stream().sorted().toList(), values.size() + " values of label " + label.strip()
                + (selector == null ? "" : " on " + selector), "filter with match");
    }

    private String asked(String promql, Supplier<String> query) {
        return asked("query_prometheus", promql, query);
    }

    /** Runs a Prometheus call; its failure becomes text naming the tool, the query and Prometheus' own error. */
    private static <T> T asked(String tool, String subject, Supplier<T> call) {
        try {
            return call.get();
        } catch (PrometheusException | IllegalArgumentException e) {
            throw new ToolFailure(tool + " failed" + (ToolArguments.isBlank(subject) ? "" : " for `" + subject + "`")
                    + ": " + e.getMessage());
        }
    }

    private static String capped(List<String> items, String header, String advice) {
        StringBuilder out = new StringBuilder(header).append(items.isEmpty() ? ".\n" : ":\n");
        items.stream().limit(MAX_NAMES).forEach(item -> out.append(item).append('\n'));
        if (items.size() > MAX_NAMES) {
            out.append("(").append(items.size() - MAX_NAMES).append(" more not shown; ").append(advice).append(")\n");
        }
        return out.toString();
    }

    private static Duration atLeast(Duration value, Duration minimum) {
        Duration seconds = Duration.ofSeconds((value.toMillis() + 999) / 1000);
        return seconds.compareTo(minimum) < 0 ? minimum : seconds;
    }
}
