package dev.watchdog.reports.slo;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * One service's objectives ({@code slos:} in watchdog.yml).
 *
 * @param availability the availability objective, always present
 * @param latency the latency objective, or null when the service has none
 */
public record Slo(String service, Availability availability, Latency latency) {

    /**
     * Good requests over all requests, from counters ({@code good} or {@code errors}, with {@code total}) or
     * from an error-ratio expression whose {@code $window} is replaced by the period asked about.
     *
     * @param objective the fraction of good requests promised, e.g. 0.999
     * @param window the objective's own window, over which the error budget is counted
     * @param good counter selector of good requests, or null
     * @param errors counter selector of failed requests, or null
     * @param total counter selector of all requests, or null with an error ratio
     * @param errorRatio an expression of the error ratio over {@code $window}, or null with counters
     */
    public record Availability(double objective, Duration window, String good, String errors, String total,
            String errorRatio) {

        public boolean countsRequests() {
            return total != null;
        }

        /** The share of requests allowed to fail: 1 - objective. */
        public double budget() {
            return BigDecimal.ONE.subtract(BigDecimal.valueOf(objective)).doubleValue(); // 0.001, not 0.0010000000000000009
        }
    }

    /**
     * A share of requests that must be faster than a threshold.
     *
     * @param histogram the {@code _bucket} series of a Prometheus histogram, as a selector
     * @param thresholdSeconds the threshold; it must be one of the histogram's bucket bounds
     * @param objective the share of requests promised under the threshold, e.g. 0.95
     */
    public record Latency(String histogram, double thresholdSeconds, double objective) {
    }
}
