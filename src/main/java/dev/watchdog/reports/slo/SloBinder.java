package dev.watchdog.reports.slo;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Durations;
import dev.watchdog.promql.Expr;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import dev.watchdog.promql.VectorSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Binds {@code slos:}, saying which key is wrong, where, and what is allowed. */
public final class SloBinder {

    public static final String WINDOW = "$window";
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    private static final String SOURCES = "give good and total, errors and total, or error-ratio";

    private SloBinder() {
    }

    public static List<Slo> bind(ConfigNode slosNode) {
        List<Slo> slos = new ArrayList<>();
        Set<String> services = new HashSet<>();
        for (ConfigNode node : slosNode.items()) {
            if (!node.allowOnly("service", "objective", "window", "good", "errors", "total", "error-ratio", "latency")) {
                continue;
            }
            String service = node.requiredString("service");
            if (!service.isEmpty() && !services.add(service)) {
                node.field("service").orElse(node).problem("service \"" + service + "\" has objectives twice");
            }
            Slo.Availability availability = availability(node);
            Slo.Latency latency = node.field("latency").map(SloBinder::latency).orElse(null);
            slos.add(new Slo(service, availability, latency));
        }
        return slos;
    }

    private static Slo.Availability availability(ConfigNode node) {
        double objective = objective(node);
        Duration window = node.duration("window", DEFAULT_WINDOW, value -> value.toHours() >= 1,
                "must be at least 1h, e.g. 28d or 30d");
        String good = selector(node, "good");
        String errors = selector(node, "errors");
        String total = selector(node, "total");
        String errorRatio = node.field("error-ratio").map(SloBinder::errorRatio).orElse(null);
        boolean counters = node.has("total");
        if (node.has("error-ratio") && (node.has("good") || node.has("errors") || counters)) {
            node.problem("error-ratio cannot be combined with good, errors or total; " + SOURCES);
        } else if (counters && node.has("good") == node.has("errors")) {
            node.problem("total needs exactly one of good or errors; " + SOURCES);
        } else if (!counters && !node.has("error-ratio")) {
            node.problem("no way to count availability; " + SOURCES);
        }
        return new Slo.Availability(objective, window, good, errors, total, errorRatio);
    }

    private static Slo.Latency latency(ConfigNode node) {
        if (!node.allowOnly("histogram", "threshold", "objective")) {
            return null;
        }
        String histogram = node.has("histogram") ? selector(node, "histogram") : null;
        if (histogram == null) {
            node.requiredString("histogram");
        } else if (!histogram.contains("_bucket")) {
            node.field("histogram").orElse(node).problem("must select a histogram's _bucket series, e.g. "
                    + "http_request_duration_seconds_bucket{job=\"shop\"}");
        }
        double threshold = threshold(node);
        return new Slo.Latency(histogram == null ? "" : histogram, threshold, objective(node));
    }

    private static double objective(ConfigNode node) {
        String text = node.requiredString("objective");
        if (text.isBlank()) {
            return 0.5; // reported as required
        }
        Optional<Double> objective = Percentages.parse(text);
        if (objective.isEmpty()) {
            node.field("objective").orElse(node).problem("\"" + text + "\" is not an objective (use "
                    + Percentages.ALLOWED + ")");
        }
        return objective.orElse(0.5);
    }

    private static double threshold(ConfigNode node) {
        String text = node.requiredString("threshold").trim();
        if (text.isEmpty()) {
            return 1;
        }
        Optional<Duration> duration = Durations.parse(text);
        if (duration.isEmpty() || duration.get().isZero()) {
            node.field("threshold").orElse(node).problem("\"" + text + "\" is not a latency threshold (use a"
                    + " duration above zero, e.g. 500ms or 1s, equal to one of the histogram's bucket bounds)");
            return 1;
        }
        return duration.get().toNanos() / 1e9;
    }

    /** A plain counter or bucket selector such as {@code http_requests_total{job="shop"}}, or null when absent. */
    private static String selector(ConfigNode node, String key) {
        Optional<ConfigNode> field = node.field(key);
        if (field.isEmpty()) {
            return null;
        }
        String text = field.get().text().orElse("").trim();
        try {
            Expr parsed = PromQL.parse(text);
            if (parsed instanceof VectorSelector selector && selector.offset().isZero() && selector.at() == null) {
                return text;
            }
        } catch (PromqlException invalid) {
            field.get().problem("could not parse \"" + text + "\": " + invalid.getMessage());
            return null;
        }
        field.get().problem("must be a series selector such as http_requests_total{job=\"shop\"}, without"
                + " functions, offset or @ (Watchdog wraps it in increase() and rate() itself)");
        return null;
    }

    private static String errorRatio(ConfigNode field) {
        String text = field.text().orElse("").trim();
        if (!text.contains(WINDOW)) {
            field.problem("must use " + WINDOW + " as its range, e.g. sum(rate(http_requests_total{code=~\"5..\"}["
                    + WINDOW + "])) / sum(rate(http_requests_total[" + WINDOW + "]))");
            return null;
        }
        try {
            PromQL.parse(text.replace(WINDOW, "5m"));
            return text;
        } catch (PromqlException invalid) {
            field.problem("could not parse \"" + text + "\" (with " + WINDOW + " as 5m): " + invalid.getMessage());
            return null;
        }
    }
}
