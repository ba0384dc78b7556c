package dev.watchdog.alerting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.watchdog.db.Database;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusAlertImportTest {

    private final WireMockServer prometheus = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    private final List<AlertTransition> heard = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
    private final AlertStore store = new SqlAlertStore(Database.inMemory(), clock);
    private PrometheusAlertImport importer;

    @AfterEach
    void stop() {
        prometheus.stop();
    }

    private void prometheusHas(String alertsJson) {
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/alerts")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"data\":{\"alerts\":" + alertsJson + "}}")));
    }

    private void start() {
        prometheus.start();
        importer = new PrometheusAlertImport(new PrometheusClient(prometheus.baseUrl(), SharedHttpClient.get(),
                Duration.ofSeconds(2)), new ExternalAlertTracker(store, heard::addAll, clock), Duration.ofSeconds(30));
    }

    @Test
    void firingAlertsAreImportedPendingOnesAreNotAndVanishedOnesResolve() {
        start();
        prometheusHas("""
                [{"labels":{"alertname":"DiskFull","instance":"db-1"},"annotations":{"summary":"disk"},
                  "state":"firing","activeAt":"2026-11-22T01:50:00Z","value":"9.7e-01"},
                 {"labels":{"alertname":"Slow","instance":"web-1"},"annotations":{},
                  "state":"pending","activeAt":"2026-11-22T01:59:00Z","value":"1e+00"}]""");
        importer.importOnce();
        importer.importOnce();
        prometheusHas("[]");
        importer.importOnce();

        assertThat(heard).extracting(t -> t.kind() + " " + t.alert().ruleName())
                .containsExactly("FIRING DiskFull", "RESOLVED DiskFull");
        assertThat(heard.get(0).alert().firedAt()).isEqualTo(Instant.parse("2026-11-22T01:50:00Z"));
    }

    @Test
    void aFailedFetchResolvesNothing() {
        start();
        prometheusHas("""
                [{"labels":{"alertname":"DiskFull"},"annotations":{},"state":"firing",
                  "activeAt":"2026-11-22T01:50:00Z","value":"1"}]""");
        importer.importOnce();
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/alerts")).willReturn(aResponse().withStatus(503)));

        importer.importOnce();

        assertThat(heard).extracting(AlertTransition::kind).containsExactly(AlertTransition.Kind.FIRING);
        assertThat(store.openAlerts()).hasSize(1);
    }
}
