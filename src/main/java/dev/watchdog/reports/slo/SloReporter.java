package dev.watchdog.reports.slo;

import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.RangeSeries;
import dev.watchdog.prometheus.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Asks Prometheus for a service's figures over a period, one instant query per figure at the period's end. */
public final class SloReporter {

    /** Points in the report's chart. */
    static final int CHART_POINTS = 120;

    private final PrometheusClient prometheus;

    public SloReporter(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    public SloFigures figures(Slo slo, Duration period, Instant end) {
        SloQueries queries = new SloQueries(slo);
        double total = slo.availability().countsRequests() ? value(queries.total(period), end) : Double.NaN;
        double errors = slo.availability().countsRequests() ? value(queries.errors(period), end) : Double.NaN;
        double availability = 1 - value(queries.errorRatio(period), end);
        double remaining = value(queries.budgetRemaining(), end);
        double burnRate = value(queries.burnRate(), end);
        double[] percentiles = new double[SloQueries.PERCENTILES.length];
        double under = Double.NaN;
        for (int i = 0; i < percentiles.length; i++) {
            percentiles[i] = slo.latency() == null ? Double.NaN
                    : value(queries.percentile(SloQueries.PERCENTILES[i], period), end);
        }
        if (slo.latency() != null) {
            under = value(queries.underThreshold(period), end);
        }
        return new SloFigures(slo, period, total, errors, availability, remaining, burnRate, percentiles, under);
    }

    /** The error budget left over the period, for the chart. */
    public List<RangeSeries> budgetOverTime(Slo slo, Duration period, Instant end) {
        return prometheus.queryRange(new SloQueries(slo).budgetRemaining(), end.minus(period), end, step(period));
    }

    /** p50, p95 and p99 over the period, each from rate over one chart step; empty without a latency objective. */
    public List<List<RangeSeries>> percentilesOverTime(Slo slo, Duration period, Instant end) {
        if (slo.latency() == null) {
            return List.of();
        }
        Duration step = step(period);
        SloQueries queries = new SloQueries(slo);
        Duration rateRange = step.compareTo(Duration.ofMinutes(5)) < 0 ? Duration.ofMinutes(5) : step;
        return java.util.Arrays.stream(SloQueries.PERCENTILES)
                .mapToObj(quantile -> prometheus.queryRange(queries.percentile(quantile, rateRange),
                        end.minus(period), end, step))
                .toList();
    }

    static Duration step(Duration period) {
        return Duration.ofSeconds(Math.max(60, period.toSeconds() / CHART_POINTS));
    }

    private double value(String promql, Instant at) {
        List<Sample> samples = prometheus.query(promql, at);
        return samples.isEmpty() ? Double.NaN : samples.get(0).value();
    }
}
