package dev.watchdog.alerting.anomaly;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Durations;
import java.time.Duration;
import java.util.List;

/**
 * Binds the keys of an {@code anomaly:} rule that an {@code alert:} rule does not have: {@code window},
 * {@code step}, {@code z-score}, {@code seasonality}, {@code min-samples}, {@code min-change}.
 */
public final class AnomalyBinder {

    public static final List<String> KEYS = List.of("anomaly", "window", "step", "z-score", "seasonality",
            "min-samples", "min-change");
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private AnomalyBinder() {
    }

    public static AnomalyQuery bind(ConfigNode node, String expr) {
        Duration window = node.duration("window", DEFAULT_WINDOW, value -> value.compareTo(Duration.ofMinutes(5)) >= 0,
                "must be at least 5m, e.g. 1h");
        Duration step = node.duration("step", Duration.ofMinutes(1), value -> !value.isZero()
                && value.compareTo(window) < 0, "must be above zero and shorter than the window, e.g. 1m");
        Duration seasonality = node.field("seasonality").map(field -> field.asDuration(null)).orElse(null);
        if (seasonality != null && seasonality.compareTo(window) < 0) {
            node.field("seasonality").orElse(node).problem("must be at least the window (" + Durations.format(window)
                    + "), e.g. 1d or 1w");
            seasonality = null;
        }
        double zScore = number(node, "z-score", AnomalyQuery.DEFAULT_Z_SCORE);
        int minSamples = node.integer("min-samples", AnomalyQuery.DEFAULT_MIN_SAMPLES, 2, 100_000);
        double minChange = number(node, "min-change", 0);
        return new AnomalyQuery(expr, window, step, zScore, seasonality, minSamples, minChange);
    }

    private static double number(ConfigNode node, String key, double fallback) {
        return node.field(key).map(field -> {
            String text = field.text().orElse("").trim();
            try {
                double value = Double.parseDouble(text);
                if (value >= 0 && Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException notNumber) {
                // reported below
            }
            field.problem("\"" + text + "\" is not a number of 0 or more, e.g. " + (key.equals("z-score") ? "3" : "0.05"));
            return fallback;
        }).orElse(fallback);
    }
}
