package dev.watchdog.reports.slo;

import dev.watchdog.config.Durations;
import dev.watchdog.promql.LabelMatcher;
import dev.watchdog.promql.MatchOp;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import dev.watchdog.promql.VectorSelector;
import dev.watchdog.reports.Numbers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The PromQL behind every figure of a service's report, so that Prometheus does the counting and a reader
 * can run the same queries to check a number.
 */
public final class SloQueries {

    public static final double[] PERCENTILES = {0.5, 0.95, 0.99};
    static final Duration BURN_RATE_RANGE = Duration.ofHours(1);

    private final Slo slo;

    public SloQueries(Slo slo) {
        this.slo = slo;
    }

    public Slo slo() {
        return slo;
    }

    /** All requests in the range, or null when availability comes from an error-ratio expression. */
    public String total(Duration range) {
        Slo.Availability availability = slo.availability();
        return availability.countsRequests() ? increase(availability.total(), range) : null;
    }

    /** Failed requests in the range, or null when availability comes from an error-ratio expression. */
    public String errors(Duration range) {
        Slo.Availability availability = slo.availability();
        if (!availability.countsRequests()) {
            return null;
        }
        return availability.errors() != null ? increase(availability.errors(), range)
                : total(range) + " - " + increase(availability.good(), range);
    }

    /** The share of requests that failed in the range. */
    public String errorRatio(Duration range) {
        Slo.Availability availability = slo.availability();
        if (!availability.countsRequests()) {
            return availability.errorRatio().replace(SloBinder.WINDOW, range(range));
        }
        return "(" + errors(range) + ") / " + total(range);
    }

    /** How fast the error budget burns now: the last hour's error ratio over the budget (1 = exactly on budget). */
    public String burnRate() {
        return "(" + errorRatio(BURN_RATE_RANGE) + ") / " + Numbers.plain(slo.availability().budget());
    }

    /** The share of the objective's window budget left, over time: 1 is untouched, 0 spent, below 0 overspent. */
    public String budgetRemaining() {
        return "1 - (" + errorRatio(slo.availability().window()) + ") / " + Numbers.plain(slo.availability().budget());
    }

    public String percentile(double quantile, Duration range) {
        return "histogram_quantile(" + Numbers.plain(quantile) + ", sum by (le) (rate(" + slo.latency().histogram() + "["
                + range(range) + "])))";
    }

    /** The share of requests faster than the latency threshold. */
    public String underThreshold(Duration range) {
        Slo.Latency latency = slo.latency();
        return "sum(increase(" + withLe(latency.histogram(), leValues(latency.thresholdSeconds())) + "["
                + range(range) + "])) / sum(increase(" + withLe(latency.histogram(), "\\+Inf") + "[" + range(range)
                + "]))";
    }

    /** Every query of a report over {@code period}, one per line, for "Show queries". */
    public List<String> all(Duration period) {
        List<String> queries = new ArrayList<>();
        if (slo.availability().countsRequests()) {
            queries.add(total(period));
            queries.add(errors(period));
        }
        queries.add(errorRatio(period));
        queries.add(budgetRemaining());
        queries.add(burnRate());
        if (slo.latency() != null) {
            for (double quantile : PERCENTILES) {
                queries.add(percentile(quantile, period));
            }
            queries.add(underThreshold(period));
        }
        return queries;
    }

    static String range(Duration range) {
        return Durations.format(range);
    }

    private static String increase(String selector, Duration range) {
        return "sum(increase(" + selector + "[" + range(range) + "]))";
    }

    /** Go clients write bucket bounds as {@code 0.5} and {@code 1}, Java clients as {@code 0.5} and {@code 1.0}. */
    private static String leValues(double seconds) {
        String plain = Numbers.plain(seconds);
        String regex = plain.replace(".", "\\.");
        return plain.contains(".") ? regex : regex + "|" + regex + "\\.0";
    }

    private static String withLe(String histogram, String leRegex) {
        try {
            VectorSelector selector = (VectorSelector) PromQL.parse(histogram);
            List<LabelMatcher> matchers = new ArrayList<>(selector.matchers());
            matchers.removeIf(matcher -> matcher.name().equals("le"));
            matchers.add(new LabelMatcher("le", MatchOp.REGEX, leRegex));
            return PromQL.print(new VectorSelector(selector.name(), matchers, selector.offset(), selector.at()));
        } catch (PromqlException | ClassCastException checkedWhenBound) {
            throw new IllegalStateException("histogram selector " + histogram + " was checked when loaded",
                    checkedWhenBound);
        }
    }
}
