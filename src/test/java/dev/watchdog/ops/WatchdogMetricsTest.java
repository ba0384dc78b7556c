package dev.watchdog.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchdogMetricsTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final WatchdogMetrics metrics = new WatchdogMetrics(registry);

    @Test
    void countsRuleEvaluationsPerRuleAndOutcome() throws IOException {
        metrics.ruleEvaluated("HighErrorRate", "ok");
        metrics.ruleEvaluated("HighErrorRate", "ok");
        metrics.ruleEvaluated("HighErrorRate", "error");

        assertThat(exposition()).contains(
                "watchdog_rule_evaluations_total{outcome=\"ok\",rule=\"HighErrorRate\"} 2.0\n",
                "watchdog_rule_evaluations_total{outcome=\"error\",rule=\"HighErrorRate\"} 1.0\n");
    }

    @Test
    void successfulPollSetsLastPollTimeAndRecordsDuration() throws IOException {
        metrics.pollSucceeded(Instant.parse("2024-03-01T12:00:00.500Z"), Duration.ofMillis(120));

        assertThat(exposition()).contains(
                "watchdog_last_poll_timestamp_seconds 1.7092944005E9\n",
                "watchdog_poll_duration_seconds_bucket{le=\"0.1\"} 0\n",
                "watchdog_poll_duration_seconds_bucket{le=\"0.25\"} 1\n",
                "watchdog_poll_duration_seconds_count 1\n",
                "watchdog_prometheus_poll_failures_total 0.0\n");
    }

    @Test
    void failedPollCountsAFailureAndKeepsTheLastPollTime() throws IOException {
        metrics.pollSucceeded(Instant.parse("2024-03-01T12:00:00Z"), Duration.ofMillis(100));
        metrics.pollFailed(Duration.ofSeconds(45));

        assertThat(exposition()).contains(
                "watchdog_prometheus_poll_failures_total 1.0\n",
                "watchdog_last_poll_timestamp_seconds 1.7092944E9\n",
                "watchdog_poll_duration_seconds_bucket{le=\"30.0\"} 1\n",
                "watchdog_poll_duration_seconds_bucket{le=\"60.0\"} 2\n",
                "watchdog_poll_duration_seconds_count 2\n");
    }

    @Test
    void countsSlackRequestsAndFiredAlertsAndSetsFiringGauge() throws IOException {
        metrics.slackRequest("chat.postMessage", "ok");
        metrics.slackRequest("chat.postMessage", "rate_limited");
        metrics.alertFired("HighErrorRate");
        metrics.countFiringAlertsWith(() -> Map.of("rules", 3L));
        metrics.countFiringAlertsWith(() -> Map.of("rules", 2L, "alertmanager", 0L));

        assertThat(exposition()).contains(
                "watchdog_slack_requests_total{method=\"chat.postMessage\",outcome=\"ok\"} 1.0\n",
                "watchdog_slack_requests_total{method=\"chat.postMessage\",outcome=\"rate_limited\"} 1.0\n",
                "watchdog_alerts_fired_total{rule=\"HighErrorRate\"} 1.0\n",
                "watchdog_alerts_firing{source=\"alertmanager\"} 0.0\n",
                "watchdog_alerts_firing{source=\"rules\"} 2.0\n");
    }

    private String exposition() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
