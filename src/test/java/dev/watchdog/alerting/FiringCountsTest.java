package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Database;
import dev.watchdog.ops.WatchdogMetrics;
import dev.watchdog.testing.MutableClock;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code watchdog_alerts_firing{source}} counts what the store holds, whichever source raised it. */
class FiringCountsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final Database database = Database.inMemory();
    private final AlertStore store = new SqlAlertStore(database, clock);
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final WatchdogMetrics metrics = new WatchdogMetrics(registry);

    @AfterEach
    void close() {
        database.close();
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static AlertInstance ruleAlert(int i) {
        Map<String, String> labels = Map.of("alertname", "HighLatency", "instance", "api-" + i);
        return new AlertInstance(Fingerprint.of(labels), "HighLatency", labels, Map.of(), AlertState.FIRING, 0.9, T0,
                T0, null, null);
    }

    @Test
    void threeWebhookAlertsAndTwoRuleAlertsShowUnderTheirSources() throws IOException {
        metrics.countFiringAlertsWith(new FiringCounts(store));
        new ExternalAlertTracker(store, transitions -> { }, clock).receive("alertmanager", IntStream.range(0, 3)
                .mapToObj(i -> new ExternalAlert(Map.of("alertname", "DiskFull", "instance", "db-" + i), Map.of(),
                        true, T0, null, ""))
                .toList());
        store.syncAlerts("api/HighLatency", List.of(ruleAlert(1), ruleAlert(2)), List.of());

        assertThat(scrape()).contains(
                "watchdog_alerts_firing{source=\"alertmanager\"} 3.0\n",
                "watchdog_alerts_firing{source=\"rules\"} 2.0\n",
                "watchdog_alerts_firing{source=\"prometheus\"} 0.0\n",
                "watchdog_alerts_firing{source=\"watchdog\"} 0.0\n");
    }

    @Test
    void whileTheStoreDoesNotAnswerTheLastCountsStand() throws IOException {
        metrics.countFiringAlertsWith(new FiringCounts(store));
        store.syncAlerts("api/HighLatency", List.of(ruleAlert(1)), List.of());
        assertThat(scrape()).contains("watchdog_alerts_firing{source=\"rules\"} 1.0\n");

        database.close();

        assertThat(scrape()).contains("watchdog_alerts_firing{source=\"rules\"} 1.0\n");
    }
}
