package dev.watchdog.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.testing.MetricsEndpoint;
import dev.watchdog.testing.RealPrometheus;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the real Prometheus binary, scraping gauges this test sets. */
class PrometheusClientIT {

    private static final String QUEUE_DEPTH = "watchdog_it_queue_depth";
    private static final String TEMPERATURE = "watchdog_it_temperature_celsius";
    private static final String DEPLOY_STEP = "watchdog_it_deploy_step";

    private static MetricsEndpoint metrics;
    private static RealPrometheus prometheus;
    private static PrometheusClient client;

    @BeforeAll
    static void startPrometheus() throws URISyntaxException {
        metrics = new MetricsEndpoint();
        metrics.set(QUEUE_DEPTH, Map.of("queue", "orders"), 7);
        metrics.set(TEMPERATURE, Map.of("room", "server-room"), 80);
        metrics.set(DEPLOY_STEP, Map.of(), 1);
        prometheus = RealPrometheus.builder()
                .scrape(metrics)
                .ruleFile(Path.of(PrometheusClientIT.class.getResource("/prometheus/rules/temperature-high.yml").toURI()))
                .start();
        prometheus.awaitScrapes(1);
        client = new PrometheusClient(prometheus.url(), SharedHttpClient.get(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    @Test
    void queryReturnsTheScrapedGaugeWithTargetLabels() {
        List<Sample> samples = client.query(QUEUE_DEPTH, null);

        assertThat(samples).singleElement().satisfies(sample -> {
            assertThat(sample.labels()).isEqualTo(Map.of("__name__", QUEUE_DEPTH, "queue", "orders",
                    "job", RealPrometheus.JOB, "instance", metrics.target()));
            assertThat(sample.value()).isEqualTo(7);
        });
    }

    @Test
    void scalarsIncludingInfinityAndNaNAreNumbers() {
        Instant at = Instant.parse("2024-01-01T00:00:00.250Z");

        assertThat(client.query("1 / 0", at)).containsExactly(new Sample(Map.of(), Double.POSITIVE_INFINITY, at));
        assertThat(client.query("0 / 0", at)).containsExactly(new Sample(Map.of(), Double.NaN, at));
    }

    @Test
    void queryRangeShowsTheGaugeChangingOverTime() {
        Instant before = Instant.now();
        metrics.set(DEPLOY_STEP, Map.of(), 5);
        prometheus.awaitScrapes(1);

        List<RangeSeries> series = client.queryRange(DEPLOY_STEP, before, Instant.now(), Duration.ofMillis(500));

        assertThat(series).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsEntry("__name__", DEPLOY_STEP);
            assertThat(s.points()).extracting(Point::value).startsWith(1.0).endsWith(5.0);
            assertThat(s.points().get(0).time()).isEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
        });
    }

    @Test
    void labelValuesAreFilteredBySelector() {
        assertThat(client.labelValues("queue", QUEUE_DEPTH, null, null)).containsExactly("orders");
        assertThat(client.labelValues("room", "{queue=\"orders\"}", null, null)).isEmpty();
        assertThat(client.labelValues("job", null, Instant.now().minusSeconds(600), Instant.now()))
                .containsExactly(RealPrometheus.JOB);
    }

    @Test
    void metricNamesMatchBySubstringOrBySelector() {
        assertThat(client.metricNames("IT_QUEUE")).containsExactly(QUEUE_DEPTH);
        assertThat(client.metricNames("{job=\"" + RealPrometheus.JOB + "\"}"))
                .contains(QUEUE_DEPTH, TEMPERATURE, "up", "scrape_duration_seconds");
    }

    @Test
    void alertsShowTheFiringRuleWithRenderedAnnotations() {
        prometheus.awaitAlert("WatchdogItTemperatureHigh", "firing");

        assertThat(client.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.labels()).isEqualTo(Map.of("alertname", "WatchdogItTemperatureHigh",
                    "room", "server-room", "severity", "page", "job", RealPrometheus.JOB,
                    "instance", metrics.target()));
            assertThat(alert.annotations()).isEqualTo(Map.of("summary", "temperature is 80 on server-room"));
            assertThat(alert.state()).isEqualTo("firing");
            assertThat(alert.value()).isEqualTo("8e+01");
            assertThat(alert.activeAt()).isBefore(Instant.now());
        });
    }

    @Test
    void aParseErrorIsAQueryError() {
        PrometheusException e = catchThrowableOfType(PrometheusException.class, () -> client.query("rate(", null));

        assertThat(e).hasMessageStartingWith("Prometheus at " + prometheus.url()
                + " returned an error for query 'rate(' (HTTP 400, bad_data): invalid parameter \"query\": ")
                .hasMessageContaining("parse error");
        assertThat(e.isQueryError()).isTrue();
    }

    @Test
    void anEvaluationErrorIsAQueryError() {
        String manyToMany = "up + on() group_left {__name__=~\"up|" + QUEUE_DEPTH + "\"}";

        PrometheusException e = catchThrowableOfType(PrometheusException.class, () -> client.query(manyToMany, null));

        assertThat(e).hasMessageStartingWith("Prometheus at " + prometheus.url() + " returned an error for query '"
                + manyToMany + "' (HTTP 422, execution): found duplicate series");
        assertThat(e.isQueryError()).isTrue();
    }

    @Test
    void aMissingPathPrefixIsPointedOut() {
        PrometheusClient wrongPrefix = new PrometheusClient(prometheus.url() + "/prom", SharedHttpClient.get(),
                Duration.ofSeconds(10));

        PrometheusException e = catchThrowableOfType(PrometheusException.class, wrongPrefix::buildInfo);

        assertThat(e).hasMessage("Prometheus at " + prometheus.url() + "/prom answered HTTP 404 for the build info: "
                + "404 page not found (is " + prometheus.url() + "/prom the Prometheus URL, with its path prefix if "
                + "it has one?)");
        assertThat(e.isQueryError()).isFalse();
    }

    @Test
    void buildInfoAnswers() {
        assertThat(client.buildInfo().version()).startsWith("2.");
    }
}
