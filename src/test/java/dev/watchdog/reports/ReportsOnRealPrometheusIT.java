package dev.watchdog.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.reports.noise.Backtest;
import dev.watchdog.reports.noise.Suggestion;
import dev.watchdog.reports.slo.Slo;
import dev.watchdog.reports.slo.SloFigures;
import dev.watchdog.reports.slo.SloReporter;
import dev.watchdog.testing.RealPrometheus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report's and the noise backtest's PromQL on the real Prometheus, over eight days of recorded history
 * backfilled with promtool, with figures worked out by hand.
 */
class ReportsOnRealPrometheusIT {

    /** A whole hour some hours ago: inside Prometheus' retention, and every sample lands on a step. */
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    private static final Slo SHOP = new Slo("shop",
            new Slo.Availability(0.999, Duration.ofDays(30), "http_requests_total{job=\"shop\",code!~\"5..\"}", null,
                    "http_requests_total{job=\"shop\"}", null),
            new Slo.Latency("http_request_duration_seconds_bucket{job=\"shop\"}", 0.5, 0.95));

    private static RealPrometheus prometheus;
    private static PrometheusClient client;

    @BeforeAll
    static void startWithHistory() {
        RecordedHistory history = new RecordedHistory(END, Duration.ofDays(8))
                // 99.8 good and 0.2 failed requests a minute: 0.2% errors, twice the 0.1% budget
                .family("http_requests", "counter")
                .series("http_requests_total{job=\"shop\",code=\"200\"}", minute -> minute * 99.8)
                .series("http_requests_total{job=\"shop\",code=\"500\"}", minute -> minute * 0.2)
                // per minute: 50 under 100 ms, 96 under 500 ms, 99 under 1 s, 100 in all
                .family("http_request_duration_seconds", "histogram")
                .series("http_request_duration_seconds_bucket{job=\"shop\",le=\"0.1\"}", minute -> minute * 50.0)
                .series("http_request_duration_seconds_bucket{job=\"shop\",le=\"0.5\"}", minute -> minute * 96.0)
                .series("http_request_duration_seconds_bucket{job=\"shop\",le=\"1.0\"}", minute -> minute * 99.0)
                .series("http_request_duration_seconds_bucket{job=\"shop\",le=\"+Inf\"}", minute -> minute * 100.0)
                .series("http_request_duration_seconds_count{job=\"shop\"}", minute -> minute * 100.0)
                .series("http_request_duration_seconds_sum{job=\"shop\"}", minute -> minute * 20.0)
                // 40 error bursts in the last week: 35 of 3 minutes, 5 of 20 minutes; 0.01 in between
                .family("checkout_error_ratio", "gauge")
                .series("checkout_error_ratio{job=\"shop\"}", ReportsOnRealPrometheusIT::burst);
        prometheus = RealPrometheus.builder().backfill(history.openMetrics()).start();
        client = new PrometheusClient(prometheus.url(), SharedHttpClient.get(), Duration.ofSeconds(30));
    }

    /** Bursts start every 4 hours in the last 7 days (minute 1440 on): the 5th, 10th, … last 20 minutes. */
    private static double burst(int minute) {
        int sinceWeek = minute - 1440 - 60;
        if (sinceWeek < 0 || sinceWeek / 240 >= 40) {
            return 0.01;
        }
        int burst = sinceWeek / 240;
        int into = sinceWeek % 240;
        int lasts = burst % 8 == 7 ? 20 : 3;
        return into <= lasts ? 0.2 : 0.01;
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void aWeeksReportHasTheExpectedFigures() {
        SloFigures figures = new SloReporter(client).figures(SHOP, Duration.ofDays(7), END);

        assertThat(Math.round(figures.total())).isEqualTo(1_008_000);
        assertThat(Math.round(figures.errors())).isEqualTo(2_016);
        assertThat(figures.availability()).isCloseTo(0.998, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(figures.availabilityMet()).isFalse();
        assertThat(figures.budgetRemaining()).as("0.2% errors spend twice the budget").isCloseTo(-1.0,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(figures.burnRate()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(figures.percentiles()[0]).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(figures.percentiles()[1]).isCloseTo(0.1 + 0.4 * 45 / 46, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(figures.percentiles()[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(figures.underThreshold()).isCloseTo(0.96, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(figures.latencyMet()).isTrue();

        String text = ReportBuilder.render(figures);
        assertThat(text).isEqualTo("*shop* :x: objectives missed"
                + "\n• availability 99.8% (objective 99.9%) · 1,008,000 requests, 2,016 errors"
                + "\n• error budget remaining (30d): -100% · burn rate now 2.00×"
                + "\n• latency p50 100 ms · p95 491 ms · p99 1000 ms · 96% under 500 ms (objective 95%)");
    }

    @Test
    void theReportCarriesAChartOfTheBudgetAndTheLatencyPercentiles() {
        Report report = new ReportBuilder(List.of(SHOP), new SloReporter(client), List.of())
                .build("shop", ReportPeriod.DEFAULT, END, ZoneOffset.UTC);

        assertThat(report.chart()).hasValueSatisfying(png -> {
            assertThat(png.bytes()).startsWith(0x89, 'P', 'N', 'G');
            assertThat(png.filename()).isEqualTo("report-7d.png");
        });
        assertThat(report.queries()).contains("sum(increase(http_requests_total{job=\"shop\"}[1w]))");
    }

    @Test
    void theNoiseBacktestCountsFiringsWithALongerForFromHistory() {
        AlertRule rule = new AlertRule("CheckoutErrors", "checkout_error_ratio{job=\"shop\"} > 0.05", Duration.ZERO,
                Duration.ZERO, Map.of("severity", "warning"), Map.of(), "shop", "rules.yml:3");

        Optional<Suggestion> suggestion = new Backtest(client, Duration.ofMinutes(1))
                .suggest(rule, END.minus(Duration.ofDays(7)), END);

        assertThat(suggestion).hasValueSatisfying(found -> {
            assertThat(found.change()).isEqualTo("for: 5m");
            assertThat(found.firingsNow()).isEqualTo(40);
            assertThat(found.firingsAfter()).isEqualTo(5);
            assertThat(found.longestMissed()).isEqualTo(Duration.ofMinutes(3));
            assertThat(found.diff()).isEqualTo("""
                       - alert: CheckoutErrors
                         expr: checkout_error_ratio{job="shop"} > 0.05
                    +    for: 5m""");
        });
    }
}
