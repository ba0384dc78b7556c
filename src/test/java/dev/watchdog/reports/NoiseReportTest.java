package dev.watchdog.reports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.Fingerprint;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.db.Database;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.reports.noise.Backtest;
import dev.watchdog.reports.noise.NoiseReport;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /watchdog noise}'s text: the store's figures and a suggestion backtested on Prometheus (WireMock). */
class NoiseReportTest {

    private static final Instant TO = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant FROM = TO.minus(Duration.ofDays(7));
    private static final AlertRule RULE = new AlertRule("QueueBacklog", "queue_depth > 100", Duration.ofMinutes(1),
            Duration.ZERO, Map.of("severity", "warning"), Map.of(), "queues", "rules.yml:4");

    private final Database database = Database.inMemory();
    private final SqlAlertStore store = new SqlAlertStore(database, new MutableClock(TO));
    private final WireMockServer prometheus = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));

    @AfterEach
    void close() {
        database.close();
        prometheus.stop();
    }

    /** Episodes above 100 of these lengths in minutes, each followed by an hour below. */
    private void prometheusHistory(int... episodeMinutes) {
        StringJoiner values = new StringJoiner(",");
        Instant at = FROM;
        for (int minutes : episodeMinutes) {
            for (int minute = 0; minute <= minutes; minute++) {
                values.add("[" + at.getEpochSecond() + ",\"150\"]");
                at = at.plusSeconds(60);
            }
            for (int minute = 0; minute < 60; minute++) {
                values.add("[" + at.getEpochSecond() + ",\"20\"]");
                at = at.plusSeconds(60);
            }
        }
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/query_range")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"success\",\"data\":{"
                        + "\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"queue\":\"orders\"},\"values\":["
                        + values + "]}]}}")));
    }

    private void fired(Instant at, Duration lasted) {
        Map<String, String> labels = Map.of("alertname", "QueueBacklog", "severity", "warning", "queue", "orders");
        store.syncAlerts("queues/QueueBacklog", List.of(new AlertInstance(Fingerprint.of(labels), "QueueBacklog",
                labels, Map.of(), AlertState.FIRING, 150, at, at, null, null)), List.of());
        store.syncAlerts("queues/QueueBacklog", List.of(new AlertInstance(Fingerprint.of(labels), "QueueBacklog",
                labels, Map.of(), AlertState.RESOLVED, 150, at, at, at.plus(lasted), null)), List.of());
    }

    @Test
    void theNoisiestRuleWithALongerForAsADiff() {
        prometheus.start();
        prometheusHistory(2, 2, 3, 2, 25, 2);
        for (int i = 0; i < 6; i++) {
            fired(FROM.plus(Duration.ofHours(i + 1)), Duration.ofMinutes(i == 4 ? 24 : 2));
        }
        NoiseReport noise = new NoiseReport(store, List.of(RULE), new Backtest(new PrometheusClient(prometheus.baseUrl(),
                SharedHttpClient.get(), Duration.ofSeconds(5)), Duration.ofMinutes(1)));

        String text = noise.render(FROM, TO, "7d");

        assertThat(text).isEqualTo(":loud_sound: *Noisiest rules, last 7d*\n\n"
                + "*QueueBacklog* (warning): fired 6×, lasting median 2m, longest 24m · 0 acknowledged"
                + " · 5 resolved by themselves within 5m · 0 flaps (fired again within 30m of resolving)\n"
                + ":bulb: With `for: 5m` this rule would have fired once instead of 6 in 7d; the longest episode it"
                + " would have missed lasted 3m (backtested on Prometheus history).\n"
                + "```\n"
                + "   - alert: QueueBacklog\n"
                + "     expr: queue_depth > 100\n"
                + "-    for: 1m\n"
                + "+    for: 5m\n"
                + "```");
    }

    @Test
    void aQuietPeriodSaysSo() {
        NoiseReport noise = new NoiseReport(store, List.of(RULE), new Backtest(new PrometheusClient(
                "http://127.0.0.1:1", SharedHttpClient.get(), Duration.ofSeconds(1)), Duration.ofMinutes(1)));

        assertThat(noise.render(FROM, TO, "24h")).isEqualTo(":white_check_mark: No alert fired in the last 24h.");
    }
}
