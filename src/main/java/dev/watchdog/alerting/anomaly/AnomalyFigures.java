package dev.watchdog.alerting.anomaly;

import dev.watchdog.prometheus.Sample;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an anomaly rule's annotations may show beside {@code $value} (the z-score): {@code $observed}, the
 * expression's value now, {@code $expected}, its mean over the window, and {@code $stddev}, the window's standard
 * deviation, so that {@code $value = ($observed - $expected) / $stddev}.
 *
 * <p>The rule's own query must return the z-score as the value, so the figures cannot ride in it. They come from
 * one more query ({@link AnomalyQuery#figures()}), made only in a poll where the rule returned series and one of
 * its annotations uses a figure: a quiet anomaly rule still costs one query per poll. It is evaluated at the same
 * instant as the rule, so the figures are the very ones the z-score was computed from; each alert takes its own
 * series' figures. A series without figures (the query failed) shows NaN, as Prometheus shows a missing value.
 */
public final class AnomalyFigures implements Function<Map<String, String>, Map<String, Double>> {

    /** The label that says which figure a series of {@link AnomalyQuery#figures()} carries. */
    public static final String LABEL = "watchdog_figure";
    public static final List<String> VARIABLES = List.of("$observed", "$expected", "$stddev");
    /** For a poll whose figures are not known. */
    public static final AnomalyFigures UNKNOWN = new AnomalyFigures(Map.of());

    private final Map<Map<String, String>, Map<String, Double>> bySeries;

    private AnomalyFigures(Map<Map<String, String>, Map<String, Double>> bySeries) {
        this.bySeries = bySeries;
    }

    /** The figures query's answer, by the series they belong to. */
    public static AnomalyFigures of(List<Sample> answer) {
        Map<Map<String, String>, Map<String, Double>> bySeries = new HashMap<>();
        for (Sample sample : answer) {
            String figure = sample.labels().get(LABEL);
            if (figure != null) {
                bySeries.computeIfAbsent(series(sample.labels()), labels -> new HashMap<>())
                        .put("$" + figure, sample.value());
            }
        }
        return new AnomalyFigures(bySeries);
    }

    /** Whether any of these templates shows a figure, so that they are worth a query. */
    public static boolean usedBy(Collection<String> templates) {
        return templates.stream().anyMatch(template -> VARIABLES.stream().anyMatch(template::contains));
    }

    /** The figures of the series with these labels (as the rule's query returned it), NaN where unknown. */
    @Override
    public Map<String, Double> apply(Map<String, String> seriesLabels) {
        Map<String, Double> known = bySeries.getOrDefault(series(seriesLabels), Map.of());
        Map<String, Double> figures = new LinkedHashMap<>();
        VARIABLES.forEach(name -> figures.put(name, known.getOrDefault(name, Double.NaN)));
        return figures;
    }

    /** A series' identity: the z-score's arithmetic drops the metric name, and the figure label is ours. */
    private static Map<String, String> series(Map<String, String> labels) {
        Map<String, String> identity = new HashMap<>(labels);
        identity.remove("__name__");
        identity.remove(LABEL);
        return identity;
    }
}
