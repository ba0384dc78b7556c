package dev.watchdog.reports;

import java.time.Instant;
import java.util.Optional;

/**
 * One part of a report over a period, contributed by the feature that owns the data: the
 * objectives from Prometheus, the alerting side from the alert store, the investigator's hit rate
 * from recorded feedback. A report is its sections in order.
 */
public interface ReportSection {

    /**
     * Slack mrkdwn for the period, or empty when the section has nothing to say about it.
     *
     * @param serviceOrNull the service the report is about, or null for all of them
     */
    Optional<String> render(Instant from, Instant to, String serviceOrNull);
}
