package dev.watchdog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.watchdog.alerting.AlertRule;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.PrometheusException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** check-config's selector check against Prometheus' series API, served by WireMock. */
class SelectorCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    private static final String REQUESTS = "{\"__name__\":\"http_requests_total\",\"job\":\"shop\",\"method\":\"GET\","
            + "\"status\":\"%s\"}";

    private final WireMockServer prometheus = new WireMockServer(options().dynamicPort());
    private SelectorCheck check;

    @BeforeEach
    void start() {
        prometheus.start();
        // anything not stubbed below matches no series
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/series")).atPriority(10)
                .willReturn(aResponse().withBody("{\"status\":\"success\",\"data\":[]}")));
        series("http_requests_total", REQUESTS.formatted("200") + "," + REQUESTS.formatted("500"));
        series("up", "{\"__name__\":\"up\",\"job\":\"shop\"}");
        check = new SelectorCheck(new PrometheusClient(prometheus.baseUrl(), SharedHttpClient.get(),
                Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        prometheus.stop();
    }

    private void series(String match, String labelSets) {
        prometheus.stubFor(get(urlPathEqualTo("/api/v1/series")).withQueryParam("match[]", equalTo(match))
                .atPriority(1).willReturn(aResponse().withBody("{\"status\":\"success\",\"data\":[" + labelSets
                        + "]}")));
    }

    private static AlertRule rule(String name, String expr) {
        return new AlertRule(name, expr, Duration.ZERO, Duration.ZERO, Map.of(), Map.of(), "g", "rules.yml:3");
    }

    @Test
    void aLabelTheMetricDoesNotHaveIsNamedWithTheLabelsItHas() {
        List<String> warnings = check.warnings(List.of(rule("HighErrorRatio",
                "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m])) > 0.05")),
                NOW);

        assertThat(warnings).containsExactly("rules.yml:3: HighErrorRatio: selector http_requests_total{code=~\"5..\"}"
                + " matches no series in the last 1h: http_requests_total has no label code; its labels are job,"
                + " method, status");
    }

    @Test
    void aValueNoSeriesHasIsNamedWithTheValuesThatExist() {
        assertThat(check.warnings(List.of(rule("Errors", "rate(http_requests_total{status=\"503\"}[5m]) > 0")), NOW))
                .containsExactly("rules.yml:3: Errors: selector http_requests_total{status=\"503\"} matches no series"
                        + " in the last 1h: no series of http_requests_total has status=\"503\"; its status values are"
                        + " \"200\", \"500\"");
    }

    @Test
    void matchersThatEachMatchButNotTogetherAreSaidSo() {
        assertThat(check.warnings(List.of(rule("Odd",
                "http_requests_total{status=\"500\",method!=\"GET\"} > 0")), NOW)).singleElement().asString()
                .endsWith("no series of http_requests_total has method!=\"GET\"; its method values are \"GET\"");
    }

    @Test
    void aMetricThatDoesNotExistIsSaidToBeMissing() {
        assertThat(check.warnings(List.of(rule("Queue", "queue_depth{queue=\"orders\"} > 100")), NOW))
                .singleElement().asString().contains("selector queue_depth{queue=\"orders\"}",
                        "there is no metric queue_depth");
    }

    @Test
    void selectorsThatMatchGiveNoWarningAndOffsetsDoNotMatter() {
        series("http_requests_total{status=\"500\"}", REQUESTS.formatted("500"));

        assertThat(check.warnings(List.of(rule("Down", "up == 0"),
                rule("Errors", "rate(http_requests_total{status=\"500\"}[5m] offset 1h) > 0")), NOW)).isEmpty();
    }

    @Test
    void anUnreachablePrometheusIsReportedToTheCallerNotAsAWarning() {
        prometheus.stop();

        assertThatThrownBy(() -> check.warnings(List.of(rule("Down", "up == 0")), NOW))
                .isInstanceOfSatisfying(PrometheusException.class,
                        failure -> assertThat(failure.isQueryError()).isFalse());
    }
}
