package dev.watchdog.alerting;

import dev.watchdog.prometheus.Sample;
import java.time.Instant;
import java.util.List;

/** Runs a rule's expression as an instant query; a PrometheusClient in production. */
@FunctionalInterface
public interface RuleQuery {

    List<Sample> query(String expr, Instant time);
}
