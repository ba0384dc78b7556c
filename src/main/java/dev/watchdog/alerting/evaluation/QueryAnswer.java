package dev.watchdog.alerting.evaluation;

import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.Sample;
import java.util.List;

/**
 * What one expression's instant query gave: its samples, or the failure that came instead.
 *
 * @param failure null when the samples are the answer
 */
public record QueryAnswer(List<Sample> samples, RuntimeException failure) {

    public static QueryAnswer of(List<Sample> samples) {
        return new QueryAnswer(List.copyOf(samples), null);
    }

    public static QueryAnswer failed(RuntimeException failure) {
        return new QueryAnswer(List.of(), failure);
    }

    /**
     * True when Prometheus could not be asked or could not answer (unreachable, timeout, 5xx): nothing is known, which
     * is not "no data". A query error (the expression is wrong) or another failure concerns that expression only.
     */
    public boolean isBlind() {
        return failure instanceof PrometheusException prometheus && !prometheus.isQueryError();
    }
}
