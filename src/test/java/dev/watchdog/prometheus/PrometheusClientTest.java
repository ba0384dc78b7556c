package dev.watchdog.prometheus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.watchdog.http.SharedHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against WireMock serving recorded Prometheus 2.42 answers from src/test/resources/prometheus. */
class PrometheusClientTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Instant AT = Instant.parse("2023-11-14T22:13:20.250Z"); // 1700000000.25

    private String base;
    private PrometheusClient client;

    @BeforeEach
    void setUp() {
        base = server.baseUrl() + "/prom"; // every test goes through a path prefix
        client = new PrometheusClient(base, SharedHttpClient.get(), Duration.ofSeconds(10));
    }

    @AfterEach
    void onlyGetsWereSent() {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).allSatisfy(request -> assertThat(request.getMethod().getName()).isEqualTo("GET"));
    }

    // --- results -------------------------------------------------------------------------------

    @Test
    void queryReturnsOneSamplePerSeriesOfAVector() {
        stub("/prom/api/v1/query", 200, "vector.json");

        List<Sample> samples = client.query("http_requests_total", AT);

        assertThat(samples).containsExactly(
                new Sample(Map.of("__name__", "http_requests_total", "code", "500", "instance", "api-1:8080",
                        "job", "api"), 42, Instant.parse("2023-11-14T22:13:20.123Z")),
                new Sample(Map.of("code", "200", "instance", "api-2:8080", "job", "api"), 0.25,
                        Instant.parse("2023-11-14T22:13:20.123Z")));
        server.verify(getRequestedFor(urlPathEqualTo("/prom/api/v1/query"))
                .withQueryParam("query", equalTo("http_requests_total"))
                .withQueryParam("time", equalTo("1700000000.25"))
                .withQueryParam("timeout", equalTo("10s")));
    }

    @Test
    void queryWithoutTimeLetsPrometheusUseItsNow() {
        stub("/prom/api/v1/query", 200, "vector-empty.json");

        client.query("up", null);

        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/prom/api/v1/query"))).get(0).getQueryParams())
                .containsOnlyKeys("query", "timeout");
    }

    @Test
    void queryReadsNaNInfinitiesAndExponents() {
        stub("/prom/api/v1/query", 200, "vector-special-values.json");

        assertThat(client.query("x", AT)).extracting(Sample::value)
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e6);
    }

    @Test
    void queryReturnsAScalarAsOneSampleWithoutLabels() {
        stub("/prom/api/v1/query", 200, "scalar.json");

        assertThat(client.query("1 + 1", AT))
                .containsExactly(new Sample(Map.of(), 2, Instant.parse("2023-11-14T22:13:20.500Z")));
    }

    @Test
    void queryReturnsNoSamplesForAnEmptyVector() {
        stub("/prom/api/v1/query", 200, "vector-empty.json");

        assertThat(client.query("absent_metric", AT)).isEmpty();
    }

    @Test
    void queryExplainsThatARangeVectorNeedsARangeQuery() {
        stub("/prom/api/v1/query", 200, "matrix.json");

        PrometheusException e = failure(() -> client.query("up[1m]", AT));

        assertThat(e).hasMessage("Prometheus at " + base + " returned a range vector (matrix) for query 'up[1m]'; "
                + "use a range query, or wrap the selector in a function such as max_over_time(...)");
        assertThat(e.errorType()).isEqualTo("unsupported_result");
        assertThat(e.isQueryError()).isTrue();
    }

    @Test
    void queryRejectsAStringResult() {
        stub("/prom/api/v1/query", 200, "string.json");

        assertThat(failure(() -> client.query("\"abc\"", AT))).hasMessage("Prometheus at " + base
                + " returned a string for query '\"abc\"'; an expression that returns a vector or a scalar is needed");
    }

    @Test
    void queryRangeReturnsEverySeriesWithItsPoints() {
        stub("/prom/api/v1/query_range", 200, "matrix.json");

        List<RangeSeries> series = client.queryRange("up", AT, AT.plusSeconds(30), Duration.ofSeconds(15));

        Instant t0 = Instant.ofEpochSecond(1700000000);
        assertThat(series).containsExactly(
                new RangeSeries(Map.of("__name__", "up", "instance", "api-1:8080", "job", "api"), List.of(
                        new Point(t0, 1), new Point(t0.plusSeconds(15), 1), new Point(t0.plusSeconds(30), 0))),
                new RangeSeries(Map.of("__name__", "up", "instance", "api-2:8080", "job", "api"), List.of(
                        new Point(t0.plusSeconds(30), 1))));
        server.verify(getRequestedFor(urlPathEqualTo("/prom/api/v1/query_range"))
                .withQueryParam("query", equalTo("up"))
                .withQueryParam("start", equalTo("1700000000.25"))
                .withQueryParam("end", equalTo("1700000030.25"))
                .withQueryParam("step", equalTo("15s"))
                .withQueryParam("timeout", equalTo("10s")));
    }

    @Test
    void queryRangeReturnsNoSeriesForAnEmptyMatrix() {
        stub("/prom/api/v1/query_range", 200, "matrix-empty.json");

        assertThat(client.queryRange("absent_metric", AT, AT.plusSeconds(60), Duration.ofMillis(1500))).isEmpty();
        server.verify(getRequestedFor(urlPathEqualTo("/prom/api/v1/query_range"))
                .withQueryParam("step", equalTo("1500ms")));
    }

    @Test
    void labelValuesSendsTheSelectorAndTimeRange() {
        stub("/prom/api/v1/label/job/values", 200, "label-values.json");

        List<String> jobs = client.labelValues("job", "up{env=\"prod\"}", AT, AT.plusSeconds(3600));

        assertThat(jobs).containsExactly("api", "checkout", "worker");
        server.verify(getRequestedFor(urlPathEqualTo("/prom/api/v1/label/job/values"))
                .withQueryParam("match[]", equalTo("up{env=\"prod\"}"))
                .withQueryParam("start", equalTo("1700000000.25"))
                .withQueryParam("end", equalTo("1700003600.25")));
    }

    @Test
    void labelValuesWithoutFiltersSendsNoParameters() {
        stub("/prom/api/v1/label/job/values", 200, "label-values.json");

        client.labelValues("job", null, null, null);

        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/prom/api/v1/label/job/values"))).get(0)
                .getQueryParams()).isEmpty();
    }

    @Test
    void labelValuesRefusesANameThatCouldLeaveTheLabelPath() {
        // Prometheus decodes %2F and redirects label/..%2F..%2Fadmin/values to another API path.
        PrometheusException e = failure(() -> client.labelValues("../../admin/tsdb/snapshot", null, null, null));

        assertThat(e).hasMessage("Prometheus at " + base + " was not asked for label values of "
                + "'../../admin/tsdb/snapshot': '../../admin/tsdb/snapshot' is not a label name "
                + "(letters, digits and _, not starting with a digit)");
        assertThat(e.isQueryError()).isTrue();
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void metricNamesKeepsNamesContainingTheTextIgnoringCase() {
        stub("/prom/api/v1/label/__name__/values", 200, "metric-names.json");

        assertThat(client.metricNames("http_req")).containsExactly("HTTP_Requests_Legacy",
                "http_request_duration_seconds_bucket", "http_requests_total");
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/prom/api/v1/label/__name__/values"))).get(0)
                .getQueryParams()).isEmpty();
    }

    @Test
    void metricNamesWithoutMatchReturnsAllNames() {
        stub("/prom/api/v1/label/__name__/values", 200, "metric-names.json");

        assertThat(client.metricNames(" ")).hasSize(5);
    }

    @Test
    void metricNamesSendsASelectorToPrometheus() {
        stub("/prom/api/v1/label/__name__/values", 200, "metric-names.json");

        assertThat(client.metricNames("{job=\"api\"}")).hasSize(5);
        server.verify(getRequestedFor(urlPathEqualTo("/prom/api/v1/label/__name__/values"))
                .withQueryParam("match[]", equalTo("{job=\"api\"}")));
    }

    @Test
    void alertsAreReadWithTheirStateAndWhenTheyBecameActive() {
        stub("/prom/api/v1/alerts", 200, "alerts.json");

        assertThat(client.alerts()).containsExactly(
                new PrometheusAlert(Map.of("alertname", "HighErrorRate", "job", "api", "severity", "page"),
                        Map.of("summary", "api error rate is 12%"), "firing",
                        Instant.parse("2023-11-14T22:13:20.632510205Z"), "1.2e-01"),
                new PrometheusAlert(Map.of("alertname", "DiskFilling", "instance", "db-1"), Map.of(), "pending",
                        Instant.parse("2023-11-14T22:15:00Z"), "8.5e+01"));
        server.verify(getRequestedFor(urlPathEqualTo("/prom/api/v1/alerts")));
    }

    @Test
    void buildInfoNamesTheServerVersion() {
        stub("/prom/api/v1/status/buildinfo", 200, "buildinfo.json");
        PrometheusClient withTrailingSlash = new PrometheusClient(base + "/", SharedHttpClient.get(), Duration.ofSeconds(1));

        assertThat(withTrailingSlash.buildInfo())
                .isEqualTo(new BuildInfo("2.42.0+ds", "2.42.0+ds-5+deb12u1", "debian/sid", "go1.19.8"));
        assertThat(withTrailingSlash.baseUrl()).isEqualTo(base);
    }

    @Test
    void onlyReadOnlyApiPathsCanBeCalled() {
        assertThat(Arrays.stream(ReadEndpoint.values()).map(ReadEndpoint::path)).containsExactlyInAnyOrder(
                "api/v1/query", "api/v1/query_range", "api/v1/series", "api/v1/labels",
                "api/v1/label/{label}/values", "api/v1/alerts", "api/v1/rules", "api/v1/metadata",
                "api/v1/status/buildinfo", "api/v1/status/flags");
    }

    // --- errors --------------------------------------------------------------------------------

    @Test
    void aParseErrorIsTheQuerysFault() {
        stub("/prom/api/v1/query", 400, "error-bad-data.json");

        PrometheusException e = failure(() -> client.query("up{", AT));

        assertThat(e).hasMessage("Prometheus at " + base + " returned an error for query 'up{' (HTTP 400, bad_data): "
                + "invalid parameter \"query\": 1:4: parse error: unexpected end of input inside braces");
        assertThat(e.errorType()).isEqualTo("bad_data");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.isQueryError()).isTrue();
    }

    @Test
    void anExecutionErrorIsTheQuerysFault() {
        stub("/prom/api/v1/query", 422, "error-execution.json");

        PrometheusException e = failure(() -> client.query("up + on() up", AT));

        assertThat(e).hasMessage("Prometheus at " + base + " returned an error for query 'up + on() up' "
                + "(HTTP 422, execution): found duplicate series for the match group {} on the right hand-side of "
                + "the operation: [{__name__=\"up\", instance=\"api-1:8080\", job=\"api\"}, {__name__=\"up\", "
                + "instance=\"api-2:8080\", job=\"api\"}];many-to-many matching not allowed: matching labels must "
                + "be unique on one side");
        assertThat(e.errorType()).isEqualTo("execution");
        assertThat(e.isQueryError()).isTrue();
    }

    @Test
    void prometheusOwnQueryTimeoutIsNotTheQuerysFault() {
        stub("/prom/api/v1/query_range", 503, "error-timeout.json");

        PrometheusException e = failure(() -> client.queryRange("sum(rate(x[1d]))", AT, AT.plusSeconds(60),
                Duration.ofMinutes(1)));

        assertThat(e).hasMessage("Prometheus at " + base + " returned an error for range query 'sum(rate(x[1d]))' "
                + "from 2023-11-14T22:13:20.250Z to 2023-11-14T22:14:20.250Z step 60s (HTTP 503, timeout): "
                + "query timed out in expression evaluation");
        assertThat(e.errorType()).isEqualTo("timeout");
        assertThat(e.isQueryError()).isFalse();
    }

    @Test
    void aProxyErrorPageIsReportedWithTheStartOfItsBody() {
        stub("/prom/api/v1/query", 503, "proxy-503.html");

        PrometheusException e = failure(() -> client.query("up", AT));

        assertThat(e).hasMessage("Prometheus at " + base + " answered HTTP 503 for query 'up': <html> <head><title>503 "
                + "Service Temporarily Unavailable</title></head> <body> <center><h1>503 Service Temporarily "
                + "Unavailable</h1></center> <hr><center>nginx/1.25.3</center> </body> </html>");
        assertThat(e.errorType()).isEqualTo("http");
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.isQueryError()).isFalse();
    }

    @Test
    void aLongErrorBodyIsCutTo200Characters() {
        server.stubFor(get(urlPathEqualTo("/prom/api/v1/query"))
                .willReturn(aResponse().withStatus(500).withBody("x".repeat(1000))));

        assertThat(failure(() -> client.query("up", AT))).hasMessage(
                "Prometheus at " + base + " answered HTTP 500 for query 'up': " + "x".repeat(200) + "...");
    }

    @Test
    void aWrongPathPrefixIsPointedOut() {
        stub("/prom/api/v1/alerts", 404, "not-found.txt");

        assertThat(failure(() -> client.alerts())).hasMessage("Prometheus at " + base + " answered HTTP 404 for "
                + "the list of alerts: 404 page not found (is " + base
                + " the Prometheus URL, with its path prefix if it has one?)");
    }

    @Test
    void aRedirectIsReportedNotFollowed() {
        String adminPath = server.baseUrl() + "/api/v1/admin/tsdb/snapshot";
        server.stubFor(get(urlPathEqualTo("/prom/api/v1/query"))
                .willReturn(aResponse().withStatus(301).withHeader("Location", adminPath)));

        PrometheusException e = failure(() -> client.query("up", AT));

        assertThat(e).hasMessage("Prometheus at " + base + " answered HTTP 301 for query 'up': (empty body) "
                + "(redirected to " + adminPath + "; use the final URL as the Prometheus URL)");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void aNonJsonSuccessIsNotReadAsNoData() {
        server.stubFor(get(urlPathEqualTo("/prom/api/v1/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(fixture("login-page.html"))));

        PrometheusException e = failure(() -> client.query("up", AT));

        assertThat(e).hasMessage("Prometheus at " + base + " sent a response for query 'up' that is not Prometheus "
                + "API JSON (HTTP 200, text/html; charset=utf-8): <!DOCTYPE html> <html lang=\"en\"><head><meta "
                + "charset=\"utf-8\"><title>Sign in</title></head> <body><form method=\"post\" "
                + "action=\"/oauth2/start\"><button>Sign in with SSO</button></form></body></html>");
        assertThat(e.errorType()).isEqualTo("invalid_response");
        assertThat(e.isQueryError()).isFalse();
    }

    @Test
    void jsonOfTheWrongShapeNamesTheField() {
        stub("/prom/api/v1/query", 200, "wrong-shape.json");

        PrometheusException e = failure(() -> client.query("up", AT));

        assertThat(e).hasMessage("Prometheus at " + base + " sent an unexpected response for query 'up': "
                + "data.result is not an array");
        assertThat(e.errorType()).isEqualTo("invalid_response");
    }

    @Test
    void aResponseOverTheLimitIsAnErrorNotAnOutOfMemory() {
        stub("/prom/api/v1/query", 200, "vector.json");
        PrometheusClient smallLimit = new PrometheusClient(base, SharedHttpClient.get(), Duration.ofSeconds(10), 100);

        PrometheusException e = failure(() -> smallLimit.query("http_requests_total", AT));

        assertThat(e).hasMessage("Prometheus at " + base + " sent more than 100 bytes for query 'http_requests_total'; "
                + "narrow the query (fewer series, a shorter range or a larger step)");
        assertThat(e.errorType()).isEqualTo("response_too_large");
        assertThat(e.isQueryError()).isTrue();
    }

    @Test
    void aSlowAnswerIsATimeoutThatSaysHowLongWeWaited() {
        server.stubFor(get(urlPathEqualTo("/prom/api/v1/query"))
                .willReturn(aResponse().withStatus(200).withBody(fixture("vector.json")).withFixedDelay(5_000)));
        PrometheusClient impatient = new PrometheusClient(base, SharedHttpClient.get(), Duration.ofMillis(300));

        PrometheusException e = failure(() -> impatient.query("up", AT));

        assertThat(e).hasMessage("Prometheus at " + base + " did not answer within 300ms for query 'up'");
        assertThat(e.errorType()).isEqualTo("timeout");
        assertThat(e.status()).isZero();
        assertThat(e.isQueryError()).isFalse();
        server.verify(getRequestedFor(urlPathEqualTo("/prom/api/v1/query")).withQueryParam("timeout", equalTo("300ms")));
    }

    @Test
    void aClosedPortIsUnreachableAndTheMessageHidesCredentials() {
        int closedPort = closedPort();
        PrometheusClient client = new PrometheusClient("http://watchdog:s3cret@127.0.0.1:" + closedPort + "/prom",
                SharedHttpClient.get(), Duration.ofSeconds(5));

        PrometheusException e = failure(() -> client.query("up", AT));

        assertThat(e).hasMessage("Prometheus at http://127.0.0.1:" + closedPort
                + "/prom is unreachable (connection refused) for query 'up'");
        assertThat(e.errorType()).isEqualTo("unavailable");
        assertThat(e.isQueryError()).isFalse();
    }

    // --- helpers -------------------------------------------------------------------------------

    private static void stub(String path, int status, String fixture) {
        server.stubFor(get(urlPathEqualTo(path))
                .willReturn(aResponse().withStatus(status).withBody(fixture(fixture))
                        .withHeader("Content-Type", fixture.endsWith(".json") ? "application/json" : "text/plain")));
    }

    private static String fixture(String name) {
        try (InputStream in = PrometheusClientTest.class.getResourceAsStream("/prometheus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture src/test/resources/prometheus/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrometheusException failure(Runnable call) {
        PrometheusException e = catchThrowableOfType(PrometheusException.class, call::run);
        assertThat(e).as("expected a PrometheusException").isNotNull();
        return e;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
