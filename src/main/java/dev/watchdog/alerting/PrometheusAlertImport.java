package dev.watchdog.alerting;

import dev.watchdog.prometheus.PrometheusAlert;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.PrometheusException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For teams that keep their rules in Prometheus: each poll takes Prometheus' own firing alerts
 * from /api/v1/alerts into the pipeline. A failed fetch changes nothing.
 */
public final class PrometheusAlertImport implements AutoCloseable {

    public static final String SOURCE = "prometheus";
    private static final Logger log = LoggerFactory.getLogger(PrometheusAlertImport.class);

    private final PrometheusClient prometheus;
    private final ExternalAlertTracker tracker;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "prometheus-alert-import");
        thread.setDaemon(true);
        return thread;
    });

    public PrometheusAlertImport(PrometheusClient prometheus, ExternalAlertTracker tracker) {
        this.prometheus = prometheus;
        this.tracker = tracker;
    }

    public void start(Duration interval) {
        scheduler.scheduleAtFixedRate(this::importOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
        } catch (RuntimeException unexpected) {
            log.error("importing Prometheus' alerts failed", unexpected);
        }
    }

    private static ExternalAlert external(PrometheusAlert alert) {
        return new ExternalAlert(alert.labels(), alert.annotations(), true, alert.activeAt(), null, "");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
