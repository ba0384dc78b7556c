package dev.watchdog.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One alert: a rule applied to one series (or one alert received from Alertmanager).
 *
 * @param activeAt when this occurrence started (became pending)
 * @param firedAt when it started firing, or null
 * @param resolvedAt when it resolved, or null
 * @param keepFiringSince when its series vanished while {@code keep_firing_for} holds it, or null
 */
public record AlertInstance(
        String fingerprint,
        String ruleName,
        Map<String, String> labels,
        Map<String, String> annotations,
        AlertState state,
        double value,
        Instant activeAt,
        Instant firedAt,
        Instant resolvedAt,
        Instant keepFiringSince) {

    public AlertInstance {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public String severity() {
        return labels.getOrDefault("severity", "none");
    }

    public String annotation(String name) {
        return annotations.getOrDefault(name, "");
    }

    /** How long it has been (or was) firing; zero when it never fired. */
    public Duration firingFor(Instant now) {
        if (firedAt == null) {
            return Duration.ZERO;
        }
        return Duration.between(firedAt, resolvedAt != null ? resolvedAt : now);
    }

    AlertInstance withValue(double newValue, Map<String, String> newAnnotations) {
        return new AlertInstance(fingerprint, ruleName, labels, newAnnotations, state, newValue, activeAt, firedAt,
                resolvedAt, null);
    }

    AlertInstance firing(Instant at) {
        return new AlertInstance(fingerprint, ruleName, labels, annotations, AlertState.FIRING, value, activeAt, at,
                null, null);
    }

    AlertInstance keptFiringSince(Instant since) {
        return new AlertInstance(fingerprint, ruleName, labels, annotations, state, value, activeAt, firedAt,
                resolvedAt, since);
    }

    AlertInstance resolved(Instant at) {
        return new AlertInstance(fingerprint, ruleName, labels, annotations, AlertState.RESOLVED, value, activeAt,
                firedAt, at, null);
    }
}
