package dev.watchdog.alerting;

import dev.watchdog.concurrent.Routine;
import dev.watchdog.prometheus.PrometheusAlert;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.PrometheusException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For teams that keep their rules in Prometheus: each poll takes Prometheus' own firing alerts
 * from /api/v1/alerts into the pipeline. A failed fetch changes nothing.
 */
public final class PrometheusAlertImport implements Routine {

    public static final String SOURCE = AlertSources.PROMETHEUS;
    private static final Logger log = LoggerFactory.getLogger(PrometheusAlertImport.class);

    private final PrometheusClient prometheus;
    private final ExternalAlertTracker tracker;
    private final Duration interval;

    public PrometheusAlertImport(PrometheusClient prometheus, ExternalAlertTracker tracker, Duration interval) {
        this.prometheus = prometheus;
        this.tracker = tracker;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "prometheus-alert-import";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void runOnce() {
        importOnce();
    }

    public void importOnce() {
        try {
            List<ExternalAlert> firing = prometheus.alerts().stream()
                    .filter(alert -> "firing".equals(alert.state()))
                    .map(PrometheusAlertImport::external)
                    .toList();
            tracker.reconcile(SOURCE, firing);
        } catch (PrometheusException failure) {
            log.warn("could not import Prometheus' alerts; keeping them as they were: {}", failure.getMessage());
        }
    }

    private static ExternalAlert external(PrometheusAlert alert) {
        return new ExternalAlert(alert.labels(), alert.annotations(), true, alert.activeAt(), null, "");
    }

}
