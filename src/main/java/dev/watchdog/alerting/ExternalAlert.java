package dev.watchdog.alerting;

import java.time.Instant;
import java.util.Map;

/**
 * An alert that another system already evaluated (an Alertmanager webhook, Prometheus' own
 * /api/v1/alerts): Watchdog only tracks, posts and investigates it.
 *
 * @param endsAt when the sender says it ends or ended; null when unknown
 * @param generatorUrl link back to the expression in Prometheus; may be empty
 */
public record ExternalAlert(
        Map<String, String> labels,
        Map<String, String> annotations,
        boolean firing,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl) {

    public ExternalAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
