package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.anomaly.AnomalyFigures;
import dev.watchdog.alerting.anomaly.AnomalyQuery;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.prometheus.Point;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.RangeSeries;
import dev.watchdog.prometheus.Sample;
import dev.watchdog.testing.RealPrometheus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PromQL an {@code anomaly:} rule generates, run by the real Prometheus over recorded series, gives the
 * same verdicts and z-scores as a plain z-score computed here on the same samples.
 */
class AnomalyOnRealPrometheusIT {

    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    private static final int MINUTES = 8 * 24 * 60;
    private static final int WEEK = 7 * 24 * 60;
    private static final Duration CHECKED = Duration.ofMinutes(45);
    private static final Map<String, IntToDoubleFunction> SERIES = Map.of(
            "flat", minute -> 5,
            "spike", minute -> 100 + noise(minute) + (minute == MINUTES - 10 ? 30 : 0),
            "shift", minute -> 100 + noise(minute) + (minute >= MINUTES - 20 ? 15 : 0),
            "drift", minute -> 100 + 0.05 * minute,
            // the same 15-minute burst every week, the latest ending 5 minutes before the end
            "seasonal", minute -> 100 + noise(minute) + ((minute % WEEK) >= (MINUTES - 20) % WEEK
                    && (minute % WEEK) < (MINUTES - 5) % WEEK ? 40 : 0));

    private static RealPrometheus prometheus;
    private static PrometheusClient client;

    /** A fixed wobble in [-1, 1], so the series have a spread. */
    private static double noise(int minute) {
        return ((minute * 7919L) % 13) / 6.0 - 1.0;
    }

    @BeforeAll
    static void startWithHistory() {
        StringBuilder text = new StringBuilder("# TYPE load gauge\n");
        long first = END.getEpochSecond() - MINUTES * 60L;
        SERIES.forEach((name, values) -> {
            for (int minute = 0; minute <= MINUTES; minute++) {
                text.append("load{case=\"").append(name).append("\"} ")
                        .append(String.format(Locale.ROOT, "%s", values.applyAsDouble(minute))).append(' ')
                        .append(first + minute * 60L).append('\n');
            }
        });
        prometheus = RealPrometheus.builder().backfill(text + "# EOF\n").start();
        client = new PrometheusClient(prometheus.url(), SharedHttpClient.get(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @ParameterizedTest(name = "{0}, seasonality {1}")
    @CsvSource({"flat,0,0", "spike,0,1", "shift,0,5", "drift,0,0", "seasonal,0,5", "seasonal,7,0"})
    void prometheusAndAPlainZScoreAgree(String name, int seasonalityDays, int expectedAnomalies) {
        Duration seasonality = seasonalityDays == 0 ? null : Duration.ofDays(seasonalityDays);
        AnomalyQuery anomaly = new AnomalyQuery("load{case=\"" + name + "\"}", Duration.ofHours(1),
                Duration.ofMinutes(1), 3, seasonality, 10, 0.5);

        List<RangeSeries> found = client.queryRange(anomaly.promql(), END.minus(CHECKED), END, Duration.ofMinutes(1));
        Map<Instant, Double> byPrometheus = new TreeMap<>();
        found.forEach(series -> series.points().forEach(point -> byPrometheus.put(point.time(), point.value())));
        Map<Instant, Double> byHand = plainZScores(SERIES.get(name), seasonality);

        assertThat(byPrometheus.keySet()).as("anomalous instants").containsExactlyElementsOf(byHand.keySet());
        byHand.forEach((at, z) -> assertThat(byPrometheus.get(at)).as("z-score at " + at)
                .isCloseTo(z, Offset.offset(1e-6)));
        assertThat(byHand).as("anomalies in the last " + CHECKED).hasSize(expectedAnomalies);
    }

    @Test
    void theAlertsAnnotationShowsTheExactFiguresBehindItsZScore() {
        AnomalyQuery anomaly = new AnomalyQuery("load{case=\"spike\"}", Duration.ofHours(1), Duration.ofMinutes(1),
                3, null, 10, 0.5);
        AlertRule rule = new AlertRule("LoadAnomaly", anomaly.promql(), Duration.ZERO, Duration.ZERO, Map.of(),
                Map.of("summary", "load {{ $observed | printf \"%.6f\" }}, expected {{ $expected | printf \"%.6f\" }}"
                        + " ± {{ $stddev | printf \"%.6f\" }}, z {{ $value | printf \"%.6f\" }}"), "g", "it")
                .withFigures(anomaly.figures());
        int spike = MINUTES - 10;
        Instant at = END.minus(Duration.ofMinutes(MINUTES - spike));
        List<Sample> zScores = client.query(rule.query(), at);
        RuleStateMachine machine = new RuleStateMachine(rule, new AlertTemplates(Map.of()));

        machine.evaluate(zScores, AnomalyFigures.of(client.query(rule.figures(), at)), at, 0);

        IntToDoubleFunction values = SERIES.get("spike");
        double sum = 0;
        double squares = 0;
        for (int past = spike - 60; past <= spike; past++) {
            sum += values.applyAsDouble(past);
            squares += values.applyAsDouble(past) * values.applyAsDouble(past);
        }
        double mean = sum / 61;
        double stddev = Math.sqrt(squares / 61 - mean * mean);
        double observed = values.applyAsDouble(spike);
        assertThat(zScores).as("the spike is an anomaly").hasSize(1);
        assertThat(machine.alerts()).singleElement().satisfies(alert -> assertThat(alert.annotation("summary"))
                .isEqualTo(String.format(Locale.ROOT, "load %.6f, expected %.6f ± %.6f, z %.6f", observed, mean,
                        stddev, (observed - mean) / stddev)));
    }

    /**
     * z = (x - mean) / stddev over the window's samples: the last hour (the current sample included), or the hour
     * around the same minute a season ago; kept where it is an anomaly.
     */
    private static Map<Instant, Double> plainZScores(IntToDoubleFunction values, Duration seasonality) {
        Map<Instant, Double> anomalies = new TreeMap<>();
        int shift = seasonality == null ? 0 : (int) seasonality.toMinutes();
        for (int minute = MINUTES - (int) CHECKED.toMinutes(); minute <= MINUTES; minute++) {
            double sum = 0;
            double squares = 0;
            int count = 0;
            int before = seasonality == null ? 60 : 30;
            int after = seasonality == null ? 0 : 30;
            for (int past = minute - shift - before; past <= minute - shift + after; past++) {
                double value = values.applyAsDouble(past);
                sum += value;
                squares += value * value;
                count++;
            }
            double mean = sum / count;
            double stddev = Math.sqrt(Math.max(0, squares / count - mean * mean));
            double now = values.applyAsDouble(minute);
            double z = (now - mean) / stddev;
            if (Math.abs(z) > 3 && count >= 10 && Math.abs(now - mean) >= 0.5) {
                anomalies.put(END.minus(Duration.ofMinutes(MINUTES - minute)), z);
            }
        }
        return anomalies;
    }
}
