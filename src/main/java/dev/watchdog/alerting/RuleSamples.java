package dev.watchdog.alerting;

import dev.watchdog.prometheus.Sample;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What one rule's query returned in a group evaluation.
 *
 * @param figures an anomaly rule's figures by series (null: not an anomaly rule, or not known)
 */
public record RuleSamples(AlertRule rule, List<Sample> samples, Function<Map<String, String>, Map<String, Double>> figures) {

    public RuleSamples {
        samples = List.copyOf(samples);
    }

    public RuleSamples(AlertRule rule, List<Sample> samples) {
        this(rule, samples, null);
    }
}
