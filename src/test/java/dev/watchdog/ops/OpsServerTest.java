package dev.watchdog.ops;

import dev.watchdog.concurrent.Workers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false)
            .build();

    private final Readiness readiness = new Readiness();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final WatchdogMetrics metrics = new WatchdogMetrics(registry);
    private final Workers workers = new Workers();
    private OpsServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = OpsServer.start("127.0.0.1", 0, readiness, registry, workers.pool("ops-http", OpsServer.THREADS));
    }

    @AfterEach
    void stopServer() {
        server.close();
        workers.close();
    }

    @AfterAll
    static void closeClient() {
        HTTP.dispatcher().executorService().shutdown();
        HTTP.connectionPool().evictAll();
    }

    @Test
    void bindsAnEphemeralPortWhenAskedForPortZero() {
        assertThat(server.port()).isPositive();
    }

    @Test
    void healthzAnswersOk() throws IOException {
        try (Response response = get("/healthz")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(response.body().string()).isEqualTo("ok");
        }
    }

    @Test
    void readyzNamesWhatIsNotReadyUntilEverythingIs() throws IOException {
        Readiness.Condition slack = readiness.register("slack-connected");
        Readiness.Condition firstPoll = readiness.register("first-poll");

        assertResponse(get("/readyz"), 503, "not ready: slack-connected, first-poll");

        slack.markReady();
        assertResponse(get("/readyz"), 503, "not ready: first-poll");

        firstPoll.markReady();
        assertResponse(get("/readyz"), 200, "ready");

        slack.markNotReady();
        assertResponse(get("/readyz"), 503, "not ready: slack-connected");
    }

    @Test
    void readyzIsReadyWhenNothingIsRegistered() throws IOException {
        assertResponse(get("/readyz"), 200, "ready");
    }

    @Test
    void metricsServeThePrometheusTextFormat() throws IOException {
        metrics.ruleEvaluated("HighErrorRate", "ok");
        metrics.alertFired("HighErrorRate");
        metrics.countFiringAlertsWith(() -> Map.of("rules", 1L));
        metrics.slackRequest("chat.postMessage", "ok");
        metrics.pollSucceeded(Instant.parse("2024-03-01T12:00:00Z"), Duration.ofMillis(80));
        metrics.pollFailed(Duration.ofSeconds(2));

        try (Response response = get("/metrics")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.body().string()).contains(
                    "watchdog_rule_evaluations_total{outcome=\"ok\",rule=\"HighErrorRate\"} 1.0\n",
                    "watchdog_alerts_fired_total{rule=\"HighErrorRate\"} 1.0\n",
                    "watchdog_alerts_firing{source=\"rules\"} 1.0\n",
                    "watchdog_slack_requests_total{method=\"chat.postMessage\",outcome=\"ok\"} 1.0\n",
                    "watchdog_prometheus_poll_failures_total 1.0\n",
                    "watchdog_last_poll_timestamp_seconds 1.7092944E9\n",
                    "watchdog_poll_duration_seconds_count 2\n");
        }
    }

    @Test
    void metricsServeOpenMetricsWhenTheScraperAsksForIt() throws IOException {
        metrics.countFiringAlertsWith(() -> Map.of("alertmanager", 4L));

        try (Response response = get("/metrics", "application/openmetrics-text; version=1.0.0,text/plain;q=0.5")) {
            assertThat(response.header("Content-Type"))
                    .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(response.body().string()).contains("watchdog_alerts_firing{source=\"alertmanager\"} 4.0\n").endsWith("# EOF\n");
        }
    }

    @Test
    void metricsServeProtobufWhenTheScraperAsksForIt() throws IOException {
        String protobuf = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

        try (Response response = get("/metrics", protobuf)) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo(
                    "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");
            assertThat(response.body().bytes()).isNotEmpty();
        }
    }

    @Test
    void metricsIncludeTheJvmTheProcessAndTheBuild() throws IOException {
        BuildVersion build = BuildVersion.current();

        try (Response response = get("/metrics")) {
            assertThat(response.body().string()).contains(
                    "\njvm_memory_used_bytes{area=\"heap\"} ",
                    "\nprocess_cpu_seconds_total ",
                    "\nwatchdog_build_info{revision=\"" + build.revision() + "\",version=\"" + build.version()
                            + "\"} 1\n");
        }
        assertThat(build.version()).isNotEqualTo("unknown");
    }

    @Test
    void unknownPathsAreNotFoundAndPathsMatchExactly() throws IOException {
        assertResponse(get("/nope"), 404, "not found: /nope");
        assertThat(statusOf(get("/healthzz"))).isEqualTo(404);
        assertThat(statusOf(get("/healthz/extra"))).isEqualTo(404);
        assertThat(statusOf(get("/"))).isEqualTo(404);
    }

    @Test
    void wrongMethodIsRejectedWithTheAllowedOnes() throws IOException {
        try (Response response = post("/healthz", "{}")) {
            assertThat(response.code()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET");
        }
        assertThat(statusOf(post("/metrics", ""))).isEqualTo(405);
    }

    @Test
    void addedRoutesAreServedWithTheirMethod() throws IOException {
        server.route("POST", "/api/alertmanager", exchange -> {
            String body = new String(exchange.body(), StandardCharsets.UTF_8);
            OpsServer.respondText(exchange, 202, "received " + body.length() + " bytes");
        });

        assertResponse(post("/api/alertmanager", "{\"alerts\":[]}"), 202, "received 13 bytes");
        assertThat(statusOf(get("/api/alertmanager"))).isEqualTo(405);
    }

    @Test
    void aRouteWithoutMethodAnswersEveryMethod() throws IOException {
        server.route("/echo", exchange -> OpsServer.respondText(exchange, 200, exchange.method()));

        assertResponse(get("/echo"), 200, "GET");
        assertResponse(post("/echo", "x"), 200, "POST");
    }

    @Test
    void registeringARouteTwiceFails() {
        assertThatThrownBy(() -> server.route("GET", "/healthz", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /healthz");
        assertThatThrownBy(() -> server.route("/metrics", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.route("GET", "no-slash", exchange -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingHandlerGivesA500AndTheServerKeepsServing() throws IOException {
        server.route("GET", "/broken", exchange -> {
            throw new IllegalStateException("bug in a handler");
        });

        assertResponse(get("/broken"), 500, "internal error");
        assertResponse(get("/healthz"), 200, "ok");
    }

    @Test
    void refusesConnectionsAfterClose() {
        int port = server.port();
        server.close();

        assertThatThrownBy(() -> HTTP.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/healthz")
                .build()).execute()).isInstanceOf(ConnectException.class);
    }

    @Test
    void reportsWhichAddressCouldNotBeBound() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> OpsServer.start("127.0.0.1", taken.getLocalPort(), readiness, registry, workers.pool("ops-http", OpsServer.THREADS)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("ops server cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void rejectsAnInvalidPortBeforeBinding() {
        assertThatThrownBy(() -> OpsServer.start("127.0.0.1", 70000, readiness, registry, workers.pool("ops-http", OpsServer.THREADS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    }

    private Response get(String path) throws IOException {
        return HTTP.newCall(new Request.Builder().url(url(path)).build()).execute();
    }

    private Response get(String path, String accept) throws IOException {
        return HTTP.newCall(new Request.Builder().url(url(path)).header("Accept", accept).build()).execute();
    }

    private Response post(String path, String body) throws IOException {
        RequestBody content = RequestBody.create(body, MediaType.get("application/json"));
        return HTTP.newCall(new Request.Builder().url(url(path)).post(content).build()).execute();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static int statusOf(Response response) {
        try (response) {
            return response.code();
        }
    }

    private static void assertResponse(Response response, int status, String body) throws IOException {
        try (response) {
            assertThat(response.code()).isEqualTo(status);
            assertThat(response.body().string()).isEqualTo(body);
        }
    }
}
