package dev.watchdog.reports.slo;

import java.time.Duration;

/**
 * A service's figures over a period, as Prometheus computed them; NaN where it had no data.
 *
 * @param total requests in the period (NaN with an error-ratio expression)
 * @param errors failed requests in the period (NaN with an error-ratio expression)
 * @param availability the share of good requests in the period
 * @param budgetRemaining the share of the objective window's error budget left now (below 0 when overspent)
 * @param burnRate the last hour's error ratio over the budget: 1 spends the budget exactly over the window
 * @param percentiles p50, p95 and p99 latency in seconds (NaN without a latency objective)
 * @param underThreshold the share of requests under the latency threshold (NaN without a latency objective)
 */
public record SloFigures(Slo slo, Duration period, double total, double errors, double availability,
        double budgetRemaining, double burnRate, double[] percentiles, double underThreshold) {

    public boolean availabilityMet() {
        return availability >= slo.availability().objective();
    }

    public boolean latencyMet() {
        return slo.latency() == null || underThreshold >= slo.latency().objective();
    }

    public boolean met() {
        return availabilityMet() && latencyMet();
    }
}
