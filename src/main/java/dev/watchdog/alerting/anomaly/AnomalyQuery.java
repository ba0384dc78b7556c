package dev.watchdog.alerting.anomaly;

import dev.watchdog.config.Durations;
import dev.watchdog.promql.NumberLiteral;
import dev.watchdog.promql.PromQL;
import java.time.Duration;

/**
 * An {@code anomaly:} rule's z-score test as one PromQL expression, so Prometheus evaluates it in one query per
 * poll like any rule: how many standard deviations the expression's value now is from its mean over the
 * trailing window (or over the window around the same time {@code seasonality} ago), kept when it passes the threshold, the window
 * has enough samples and the change is large enough to matter. The result's value is the z-score.
 *
 * @param step the subquery resolution inside the window
 * @param seasonality compare with the window this long ago (e.g. 1w), or null for the trailing window
 * @param minChange the least absolute difference from the mean that may alert, so flat series stay quiet
 */
public record AnomalyQuery(String expr, Duration window, Duration step, double zScore, Duration seasonality,
        int minSamples, double minChange) {

    public static final double DEFAULT_Z_SCORE = 3;
    public static final int DEFAULT_MIN_SAMPLES = 10;

    /**
     * The window's values as a subquery: the trailing window, or with a seasonality the window centred on the
     * same time one season ago, so a pattern that repeats (a burst every Monday at 9) is expected, onset included.
     */
    public String history() {
        return "(" + expr + ")[" + Durations.format(window) + ":" + Durations.format(step) + "]"
                + (seasonality == null ? "" : " offset " + Durations.format(seasonality.minus(window.dividedBy(2))));
    }

    /** What the expression's value is expected to be: its mean over the window. */
    public String expected() {
        return "avg_over_time(" + history() + ")";
    }

    public String zScoreExpr() {
        return "((" + expr + ") - " + expected() + ") / stddev_over_time(" + history() + ")";
    }

    /**
     * The figures behind the z-score of every series, each as its own series tagged with
     * {@link AnomalyFigures#LABEL}: the value now ({@code observed}), the window's mean ({@code expected}) and its
     * standard deviation ({@code stddev}).
     */
    public String figures() {
        return figure("observed", "(" + expr + ")") + " or " + figure("expected", expected()) + " or "
                + figure("stddev", "stddev_over_time(" + history() + ")");
    }

    private static String figure(String name, String promql) {
        return "label_replace(" + promql + ", \"" + AnomalyFigures.LABEL + "\", \"" + name + "\", \"__name__\", \".*\")";
    }

    /** The rule's expression: the z-score where it is an anomaly. */
    public String promql() {
        String z = "(" + zScoreExpr() + ")";
        return "(" + z + " > " + plain(zScore) + " or " + z + " < -" + plain(zScore) + ")"
                + " and count_over_time(" + history() + ") >= " + minSamples
                + " and abs((" + expr + ") - " + expected() + ") >= " + plain(minChange);
    }

    private static String plain(double value) {
        return PromQL.print(new NumberLiteral(value));
    }
}
