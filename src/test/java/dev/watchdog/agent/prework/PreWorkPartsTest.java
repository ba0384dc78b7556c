package dev.watchdog.agent.prework;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.agent.AlertContext;
import dev.watchdog.deploys.Deployment;
import dev.watchdog.logs.LogGroup;
import dev.watchdog.logs.LogLevel;
import dev.watchdog.prometheus.ChangePoints;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreWorkPartsTest {

    static final Instant ONSET = Instant.parse("2026-03-01T10:31:15Z");

    static Deployment deployment(String version, long secondsFromOnset) {
        return new Deployment("checkout", version, "production", ONSET.plusSeconds(secondsFromOnset), "ci-bot", "", "",
                "success", "ci");
    }

    @Test
    void ranksSuspectsJustBeforeTheOnsetFirstThenByDistanceAndDeploymentsAfterTheOnsetLast() {
        List<RankedDeployment> ranked = DeployRanking.rank(List.of(
                deployment("1.4.0", -2400), deployment("1.6.0", 600), deployment("1.5.0", -38),
                deployment("1.5.1", 30), deployment("1.3.0", -86_400)), ONSET);

        assertThat(ranked).extracting(r -> r.deployment().version())
                .containsExactly("1.5.1", "1.5.0", "1.4.0", "1.3.0", "1.6.0");
        assertThat(ranked).extracting(RankedDeployment::suspect).containsExactly(true, true, false, false, false);
        assertThat(ranked.get(1).describe()).isEqualTo(
                "checkout 1.5.0 (production) deployed 2026-03-01T10:30:37Z, 38s before the onset, by ci-bot, status success");
        assertThat(ranked.get(4).describe()).contains("10m after the onset");
    }

    @Test
    void readsTheValueSideOfAComparisonWithANumber() {
        assertThat(AlertSeries.valueExpression("rate(errors_total[5m]) > 0.05")).isEqualTo("rate(errors_total[5m])");
        assertThat(AlertSeries.valueExpression("(0.9 >= avail_ratio)")).isEqualTo("avail_ratio");
        assertThat(AlertSeries.valueExpression("up == 0")).isEqualTo("up");
        // bool keeps the comparison (it is the value), and two series compared keep both.
        assertThat(AlertSeries.valueExpression("up == bool 0")).isEqualTo("up == bool 0");
        assertThat(AlertSeries.valueExpression("a > b")).isEqualTo("a > b");
        assertThat(AlertSeries.valueExpression("not promql (")).isEqualTo("not promql (");
    }

    @Test
    void choosesABoundedSetOfNeighbourQueriesByNameSkippingWhatTheAlertReads() {
        List<String> names = List.of("up", "http_requests_total", "http_request_duration_seconds_bucket",
                "http_request_duration_seconds_sum", "hikaricp_connections_pending", "go_info", "build_info",
                "process_cpu_seconds_total", "jvm_memory_used_bytes", "kafka_consumergroup_lag", "weird_metric",
                "disk_free_bytes", "ssl_cert_not_after");

        List<String> queries = NeighbourSeries.queries(names, "{job=\"api\"}", "sum(kafka_consumergroup_lag) > 10");

        assertThat(queries).hasSize(NeighbourSeries.MAX_QUERIES).containsExactly(
                "min(up{job=\"api\"})",
                "max(hikaricp_connections_pending{job=\"api\"})",
                "sum(rate(process_cpu_seconds_total{job=\"api\"}[5m]))",
                "max(jvm_memory_used_bytes{job=\"api\"})",
                "max(disk_free_bytes{job=\"api\"})",
                "max(ssl_cert_not_after{job=\"api\"})");
        assertThat(NeighbourSeries.readsMetric("sum(kafka_consumergroup_lag)", "up")).isFalse();
        assertThat(NeighbourSeries.query("http_request_duration_seconds_bucket", "{job=\"api\"}"))
                .isEqualTo("histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"api\"}[5m])))");
    }

    @Test
    void theNeighbourSelectorIsTheAlertsJobOrServiceEscaped() {
        AlertContext alert = new AlertContext(1, "X", Map.of("service", "we\"ird", "severity", "page"), Map.of(),
                "firing", 1, ONSET, "x > 1", null);

        assertThat(NeighbourSeries.selector(alert)).contains("{service=\"we\\\"ird\"}");
    }

    @Test
    void theModelTextQuotesLogDataAndTheCauseNamesDeployAndNewErrorWithPlace() {
        LogGroup group = new LogGroup("request failed endpoint=<v> status=<v>", LogLevel.ERROR,
                "ConnectionPoolTimeoutException", 412, ONSET.plusSeconds(3), ONSET.plusSeconds(600),
                "ERROR request failed endpoint=/api/orders status=503",
                List.of(new LogGroup.Field("endpoint", 2, false, List.of(new LogGroup.ValueCount("/api/orders", 400),
                        new LogGroup.ValueCount("/api/cart", 12)))));
        LogFindings logs = new LogFindings("error", true, 415, 3, Duration.ofMinutes(12),
                List.of(new LogBurst(group, 0, Double.POSITIVE_INFINITY)), List.of());
        PreWorkReport report = new PreWorkReport(ONSET, true, ONSET.plusSeconds(120), ONSET.plusSeconds(600),
                "error_ratio", "- {}: 0/1/2/2; data ...", DeployRanking.rank(List.of(deployment("1.5.0", -38)), ONSET),
                true, List.of(new NeighbourChange("max(hikaricp_connections_pending{job=\"checkout\"})",
                        new ChangePoints.Change(ONSET.minusSeconds(20), 10, ChangePoints.Kind.LEVEL_SHIFT, 0, 48))),
                logs, List.of());

        assertThat(report.likelyCause()).contains("checkout 1.5.0 deployed 38s before the onset (2026-03-01T10:30:37Z); "
                + "new ConnectionPoolTimeoutException on /api/orders (412 since 2026-03-01T10:31:18Z)");
        assertThat(report.modelText())
                .contains("- SUSPECT, in the 15m before the onset: checkout 1.5.0 (production) deployed")
                .contains("- max(hikaricp_connections_pending{job=\"checkout\"}): level shift 0 -> 48 at "
                        + "2026-03-01T10:30:55Z (20s before the onset)")
                .contains("\n| new: 412 x ERROR ConnectionPoolTimeoutException (request failed endpoint=<v> status=<v>)")
                .contains("endpoint: /api/orders (400), /api/cart (12)")
                .contains("415 error-or-worse entries in the 12m since 2026-03-01T10:29:15Z against 3 in the 30m before");
    }
}
