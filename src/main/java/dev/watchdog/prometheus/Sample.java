package dev.watchdog.prometheus;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One value of an instant query: a series of a vector, or a scalar (empty labels).
 * Labels include {@code __name__} when Prometheus returned it, sorted by name so that
 * rendering is stable. The value may be NaN or infinite.
 */
public record Sample(Map<String, String> labels, double value, Instant timestamp) {

    public Sample {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
}
