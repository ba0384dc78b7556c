package dev.watchdog.prometheus;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns query results into a few lines a language model can read: never raw JSON, never every
 * point. Per series it keeps the labels that tell series apart, min / avg / max / last, the trend
 * with its change in percent, and for a range its timeline ({@link SeriesTimeline}): when its data
 * starts and ends, its change points with their times and before/after values, and the onset of its
 * current excursion. Labels shared by every series are said
 * once. Series beyond the cap or the byte budget are counted, not shown, with a hint how to see
 * them.
 *
 * <p>Label values are data from the monitored system; callers quote the result as untrusted.
 * Immutable and thread-safe.
 */
public final class SeriesCompactor {

    public static final int DEFAULT_MAX_SERIES = 20;
    /** Comfortably under the 6 KB a single tool result may take in the model's context. */
    public static final int DEFAULT_MAX_BYTES = 4500;
    /** A trend smaller than this (in percent of the earlier level) is called flat. */
    static final double FLAT_PERCENT = 5;
    private static final int MAX_LABELS_CHARS = 240;
    private static final int MAX_LABEL_VALUE_CHARS = 80;
    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private final int maxSeries;
    private final int maxBytes;

    public SeriesCompactor() {
        this(DEFAULT_MAX_SERIES, DEFAULT_MAX_BYTES);
    }

    public SeriesCompactor(int maxSeries, int maxBytes) {
        if (maxSeries < 1) {
            throw new IllegalArgumentException("max series must be at least 1, was " + maxSeries);
        }
        if (maxBytes < 200) {
            throw new IllegalArgumentException("max bytes must be at least 200, was " + maxBytes);
        }
        this.maxSeries = maxSeries;
        this.maxBytes = maxBytes;
    }

    /** An instant vector (or scalar): one value per series, highest first. */
    public String instant(List<Sample> samples) {
        if (samples.isEmpty()) {
            return "No series matched (an empty result: the metric may not exist, or nothing matches the filters).";
        }
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingDouble((Sample sample) -> sortKey(sample.value())).reversed());
        Map<String, String> common = commonLabels(sorted.stream().map(Sample::labels).toList());
        StringBuilder out = new StringBuilder();
        out.append(samples.size() == 1 ? "1 series" : samples.size() + " series, highest value first").append(".\n");
        appendCommon(out, common, samples.size());
        List<String> lines = new ArrayList<>();
        for (Sample sample : sorted) {
            lines.add("- " + labels(sample.labels(), common) + " " + number(sample.value()) + "\n");
        }
        return appendWithinBudget(out, lines);
    }

    /** A range result without its absolute window: times are still read from the points. */
    public String range(List<RangeSeries> series, Duration range, Duration step) {
        return range(series, new Window(null, null, range, step), null, null);
    }

    /** The range asked for: {@code start} and {@code end} may be null when not known. */
    public record Window(Instant start, Instant end, Duration range, Duration step) {
        public static Window ending(Instant end, Duration range, Duration step) {
            return new Window(end.minus(range), end, range, step);
        }
    }

    /**
     * A range result: per series its statistics, trend and timeline, the series with the highest peak
     * first.
     *
     * @param anchor     a moment to state change times against (the alert's onset), or null
     * @param anchorName what the anchor is called in the text, e.g. "the alert's onset"
     */
    public String range(List<RangeSeries> series, Window window, Instant anchor, String anchorName) {
        Duration range = window.range();
        Duration step = window.step();
        if (series.isEmpty()) {
            return "No series matched in the last " + duration(range)
                    + " (the metric may not exist, or nothing matches the filters).";
        }
        List<SeriesStats> stats = series.stream().map(SeriesStats::of).sorted(SeriesStats.HIGHEST_PEAK_FIRST).toList();
        Map<String, String> common = commonLabels(series.stream().map(RangeSeries::labels).toList());
        StringBuilder out = new StringBuilder();
        out.append("Range of ").append(duration(range)).append(" at ").append(duration(step)).append(" steps: ")
                .append(series.size()).append(series.size() == 1 ? " series" : " series, highest peak first")
                .append(". Per series: min/avg/max/last, trend (last quarter against first quarter), and its ")
                .append("timeline (data start and end, change points, onset of the current excursion; UTC).\n");
        appendCommon(out, common, series.size());
        List<String> lines = new ArrayList<>();
        for (SeriesStats stat : stats) {
            String timeline = stat.timeline.describe(window.start(), window.end(), step, anchor, anchorName);
            lines.add("- " + labels(stat.labels, common) + ": " + stat.describe()
                    + (timeline.isEmpty() ? "" : "; " + timeline) + "\n");
        }
        return appendWithinBudget(out, lines);
    }

    /** Adds lines while they fit the series cap and the byte budget, then says how many were left out. */
    private String appendWithinBudget(StringBuilder out, List<String> lines) {
        int shown = 0;
        int bytes = bytes(out) + 160; // room for the closing note
        for (String line : lines) {
            if (shown == maxSeries || bytes + bytes(line) > maxBytes) {
                break;
            }
            out.append(line);
            bytes += bytes(line);
            shown++;
        }
        if (shown < lines.size()) {
            out.append("(").append(lines.size() - shown).append(" more series not shown; narrow the query with a ")
                    .append("label filter, or use topk()/bottomk() or sum by (...) to see others.)\n");
        }
        return out.toString();
    }

    private static void appendCommon(StringBuilder out, Map<String, String> common, int seriesCount) {
        if (seriesCount > 1 && !common.isEmpty()) {
            out.append("Labels shared by every series: ").append(labels(common, Map.of())).append('\n');
        }
    }

    /** Labels with the same value in every series; none for a single series, whose labels are all shown. */
    static Map<String, String> commonLabels(List<Map<String, String>> labelSets) {
        if (labelSets.size() < 2) {
            return Map.of();
        }
        Map<String, String> common = new TreeMap<>(labelSets.get(0));
        for (Map<String, String> labels : labelSets.subList(1, labelSets.size())) {
            common.entrySet().removeIf(entry -> !entry.getValue().equals(labels.get(entry.getKey())));
        }
        return common;
    }

    /** PromQL selector style, {@code name{a="b"}}, without the shared labels; {@code {}} when nothing is left. */
    static String labels(Map<String, String> labels, Map<String, String> common) {
        Map<String, String> own = new LinkedHashMap<>(new TreeMap<>(labels));
        common.keySet().forEach(own::remove);
        String name = own.remove("__name__");
        StringBuilder out = new StringBuilder(name == null ? "" : name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : own.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(label.getKey()).append("=\"").append(escape(cut(label.getValue(), MAX_LABEL_VALUE_CHARS)))
                    .append('"');
        }
        String text = out.append('}').toString();
        return text.length() <= MAX_LABELS_CHARS ? text : text.substring(0, MAX_LABELS_CHARS - 2) + "…}";
    }

    /** Four significant digits: what a person compares against a threshold; NaN and ±Inf as Prometheus writes them. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros();
        double magnitude = Math.abs(value);
        return magnitude >= 1e-4 && magnitude < 1e12 ? rounded.toPlainString() : rounded.toString();
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds > 0 ? seconds + "s" : duration.toMillis() + "ms";
    }

    /** NaN sorts last, whichever way the list is ordered by value. */
    private static double sortKey(double value) {
        return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    private static int bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** What one range series comes down to. */
    private record SeriesStats(Map<String, String> labels, int points, int finite, double min, double max,
            double avg, double last, String trend, SeriesTimeline timeline) {

        static final Comparator<SeriesStats> HIGHEST_PEAK_FIRST =
                Comparator.comparingDouble((SeriesStats stats) -> sortKey(stats.max)).reversed();

        static SeriesStats of(RangeSeries series) {
            List<Double> values = new ArrayList<>();
            for (Point point : series.points()) {
                if (Double.isFinite(point.value())) {
                    values.add(point.value());
                }
            }
            if (values.isEmpty()) {
                return new SeriesStats(series.labels(), series.points().size(), 0, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, "", SeriesTimeline.of(series));
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (double value : values) {
                min = Math.min(min, value);
                max = Math.max(max, value);
                sum += value;
            }
            return new SeriesStats(series.labels(), series.points().size(), values.size(), min, max,
                    sum / values.size(), values.get(values.size() - 1), trend(values), SeriesTimeline.of(series));
        }

        String describe() {
            if (finite == 0) {
                return points + " points, none a finite number";
            }
            StringBuilder out = new StringBuilder()
                    .append(number(min)).append('/').append(number(avg)).append('/').append(number(max)).append('/')
                    .append(number(last)).append(", ").append(trend);
            if (finite < points) {
                out.append(" (").append(points - finite).append(" of ").append(points).append(" points NaN or Inf)");
            }
            return out.toString();
        }

        /** Last quarter against first quarter: robust to one odd point at either end. */
        static String trend(List<Double> values) {
            if (values.size() < 2) {
                return "one point";
            }
            int quarter = Math.max(1, values.size() / 4);
            double before = average(values.subList(0, quarter));
            double after = average(values.subList(values.size() - quarter, values.size()));
            if (before == 0) {
                return after == 0 ? "flat" : (after > 0 ? "rising from 0" : "falling from 0");
            }
            double percent = (after - before) / Math.abs(before) * 100;
            String change = String.format(Locale.ROOT, "%+.0f%%", percent);
            if (Math.abs(percent) < FLAT_PERCENT) {
                return "flat (" + change + ")";
            }
            return (percent > 0 ? "rising (" : "falling (") + change + ")";
        }

        private static double average(List<Double> values) {
            double sum = 0;
            for (double value : values) {
                sum += value;
            }
            return sum / values.size();
        }
    }
}
