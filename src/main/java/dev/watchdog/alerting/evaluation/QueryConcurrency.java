package dev.watchdog.alerting.evaluation;

import dev.watchdog.prometheus.PrometheusSettings;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many rule groups evaluate at once, each asking Prometheus one query at a time. Sized to the server, not to
 * Watchdog's cores: {@code auto} takes half of Prometheus' {@code query.max-concurrency} (at least 1) so that
 * dashboards and people still get answers while rules are evaluated. A server that does not say (Thanos, Mimir, an
 * old Prometheus, or one not reachable at start) gets {@link #FALLBACK}.
 */
public final class QueryConcurrency {

    private static final Logger log = LoggerFactory.getLogger(QueryConcurrency.class);
    static final int FALLBACK = 4;
    static final String FLAG = "query.max-concurrency";

    private QueryConcurrency() {
    }

    /** The configured number, or for {@code auto} one read from the server's flags, asked once. */
    public static int of(PrometheusSettings settings, Supplier<Map<String, String>> flags) {
        if (settings.maxConcurrentQueries() != PrometheusSettings.AUTO) {
            return settings.maxConcurrentQueries();
        }
        String value;
        try {
            value = flags.get().get(FLAG);
        } catch (RuntimeException unreadable) {
            log.info("prometheus.max-concurrent-queries is auto but the server's flags could not be read ({}):"
                    + " rule groups evaluate {} at a time; set the key to choose", unreadable.getMessage(), FALLBACK);
            return FALLBACK;
        }
        try {
            int serverLimit = Integer.parseInt(value == null ? "" : value.trim());
            int chosen = Math.max(1, serverLimit / 2);
            log.info("rule groups evaluate {} at a time: half of Prometheus' {} of {}", chosen, FLAG, serverLimit);
            return chosen;
        } catch (NumberFormatException notSaid) {
            log.info("prometheus.max-concurrent-queries is auto but the server's flags have no {} (Thanos, Mimir?):"
                    + " rule groups evaluate {} at a time; set the key to choose", FLAG, FALLBACK);
            return FALLBACK;
        }
    }
}
