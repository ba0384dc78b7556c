package dev.watchdog.alerting.webhook;

import dev.watchdog.concurrent.Workers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchdog.alerting.ExternalAlert;
import dev.watchdog.ops.OpsServer;
import dev.watchdog.ops.Readiness;
import dev.watchdog.security.Secret;
import dev.watchdog.testing.JsonFixtures;
import dev.watchdog.db.StoreException;
import dev.watchdog.testing.RecordingExternalAlertSink;
import dev.watchdog.testing.RecordingExternalAlertSink.Delivery;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The webhook behind a real {@link OpsServer}, fed payloads shaped like Alertmanager's (resources/alertmanager). */
class AlertmanagerWebhookTest {

    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .callTimeout(Duration.ofSeconds(10))
            .retryOnConnectionFailure(false)
            .build();
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String TOKEN = "wd-7f3a9c1e5b2d4068";

    private static final String ERROR_RATE_URL = "http://prometheus:9090/graph?g0.expr=sum+by+%28job%2C+instance%29+"
            + "%28rate%28http_requests_total%7Bcode%3D~%225..%22%7D%5B5m%5D%29%29+%2F+sum+by+%28job%2C+instance%29+"
            + "%28rate%28http_requests_total%5B5m%5D%29%29+%3E+0.05&g0.tab=1";
    private static final Map<String, String> API_1 = Map.of("alertname", "HighErrorRate", "instance", "api-1:8080",
            "job", "api", "severity", "page", "team", "payments");
    private static final Map<String, String> API_2 = Map.of("alertname", "HighErrorRate", "instance", "api-2:8080",
            "job", "api", "severity", "page", "team", "payments");
    private static final Map<String, String> API_1_ANNOTATIONS = Map.of(
            "description", "6.2% of requests to api-1:8080 failed over the last 5 minutes.",
            "runbook_url", "https://runbooks.example.com/api/high-error-rate",
            "summary", "Error rate above 5% on api-1:8080");
    private static final Map<String, String> API_2_ANNOTATIONS = Map.of(
            "description", "5.4% of requests to api-2:8080 failed over the last 5 minutes.",
            "runbook_url", "https://runbooks.example.com/api/high-error-rate",
            "summary", "Error rate above 5% on api-2:8080");

    /** firing.json as ExternalAlerts: endsAt 0001-01-01 is unknown, the +02:00 start is 23:42:37 UTC. */
    private static final List<ExternalAlert> FIRING = List.of(
            new ExternalAlert(API_1, API_1_ANNOTATIONS, true, Instant.parse("2026-11-21T23:41:07.283417622Z"), null,
                    ERROR_RATE_URL),
            new ExternalAlert(API_2, API_2_ANNOTATIONS, true, Instant.parse("2026-11-21T23:42:37.283410Z"), null,
                    ERROR_RATE_URL));

    private final RecordingExternalAlertSink sink = new RecordingExternalAlertSink();
    private final Workers workers = new Workers();
    private OpsServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = OpsServer.start("127.0.0.1", 0, new Readiness(), new PrometheusRegistry(),
                workers.pool("ops-http", OpsServer.THREADS));
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
    void deliversEveryAlertOfAFiringNotification() throws IOException {
        AlertmanagerWebhook.register(server, sink, null);

        assertResponse(post(fixture("firing.json")), 200, "ok");

        assertThat(sink.deliveries()).containsExactly(new Delivery("alertmanager", FIRING));
    }

    @Test
    void deliversAResolvedNotificationWithItsEndTimes() throws IOException {
        AlertmanagerWebhook.register(server, sink, null);

        assertResponse(post(fixture("resolved.json")), 200, "ok");

        assertThat(sink.deliveries()).containsExactly(new Delivery("alertmanager", List.of(
                new ExternalAlert(API_1, API_1_ANNOTATIONS, false, Instant.parse("2026-11-21T23:41:07.283417622Z"),
                        Instant.parse("2026-11-22T00:02:07.283417622Z"), ERROR_RATE_URL),
                new ExternalAlert(API_2, API_2_ANNOTATIONS, false, Instant.parse("2026-11-21T23:42:37.283410Z"),
                        Instant.parse("2026-11-22T00:03:37.283410Z"), ERROR_RATE_URL))));
    }

    @Test
    void deliversARepeatedNotificationAgainBecauseDedupIsThePipelinesJob() throws IOException {
        AlertmanagerWebhook.register(server, sink, null);
        ExternalAlert diskAlert = new ExternalAlert(
                Map.of("alertname", "DiskWillFillIn4Hours", "device", "/dev/nvme0n1p1", "instance", "db-1:9100",
                        "job", "node", "mountpoint", "/var/lib/postgresql", "severity", "ticket"),
                Map.of("summary", "/var/lib/postgresql on db-1:9100 will be full in 4 hours"),
                true, Instant.parse("2026-11-21T19:05:52.710Z"), null,
                "http://prometheus:9090/graph?g0.expr=predict_linear%28node_filesystem_avail_bytes%5B6h%5D"
                        + "%2C+4+%2A+3600%29+%3C+0&g0.tab=1");

        // Alertmanager re-sends an unchanged group every repeat_interval.
        assertResponse(post(fixture("duplicate.json")), 200, "ok");
        assertResponse(post(fixture("duplicate.json")), 200, "ok");

        Delivery expected = new Delivery("alertmanager", List.of(diskAlert));
        assertThat(sink.deliveries()).containsExactly(expected, expected);
    }

    @ParameterizedTest
    @MethodSource
    void refusesAMalformedPayloadNamingTheFieldAndDeliversNothing(String fixture, String reason) throws IOException {
        AlertmanagerWebhook.register(server, sink, null);

        try (Response response = post(fixture(fixture))) {
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(response.body().string()).isEqualTo(reason);
        }
        assertThat(sink.calls()).isZero();
    }

    static Stream<Arguments> refusesAMalformedPayloadNamingTheFieldAndDeliversNothing() {
        return Stream.of(
                Arguments.of("malformed-not-json.json", "body: not valid JSON (line 38, column 7)"),
                Arguments.of("malformed-wrong-version.json", "version: \"5\" is not supported (supported: \"4\")"),
                Arguments.of("malformed-missing-alertname.json", "alerts[1].labels.alertname: missing"),
                Arguments.of("malformed-bad-startsat.json",
                        "alerts[2].startsAt: \"yesterday\" is not an RFC 3339 time"),
                Arguments.of("malformed-labels-not-strings.json", "alerts[0].labels.port: expected a string, got 9100"),
                Arguments.of("malformed-alerts-not-a-list.json", "alerts: expected a list, got an object"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Basic d2F0Y2hkb2c6d2QtN2YzYTljMWU1YjJkNDA2OA==", TOKEN, "Bearer"})
    void refusesACallerWithoutABearerToken(String authorization) throws IOException {
        AlertmanagerWebhook.register(server, sink, Secret.of(TOKEN));

        try (Response response = post(fixture("firing.json"), authorization)) {
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(response.body().string()).isEqualTo("bearer token required");
        }
        assertThat(sink.calls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wd-wrong", "Bearer wd-7f3a9c1e5b2d406", "Bearer wd-7f3a9c1e5b2d40688",
        "Bearer WD-7F3A9C1E5B2D4068", "Bearer " + TOKEN + " extra"})
    void refusesACallerWithAnotherBearerToken(String authorization) throws IOException {
        AlertmanagerWebhook.register(server, sink, Secret.of(TOKEN));

        try (Response response = post(fixture("firing.json"), authorization)) {
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(response.body().string()).isEqualTo("bearer token rejected");
        }
        assertThat(sink.calls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + TOKEN, "bearer " + TOKEN, "BEARER  " + TOKEN})
    void acceptsACallerWithTheBearerToken(String authorization) throws IOException {
        AlertmanagerWebhook.register(server, sink, Secret.of(TOKEN));

        assertResponse(post(fixture("firing.json"), authorization), 200, "ok");

        assertThat(sink.deliveries()).containsExactly(new Delivery("alertmanager", FIRING));
    }

    @Test
    void refusesABodyOverTheLimitAndAcceptsOneExactlyAtIt() throws IOException {
        byte[] payload = fixture("firing.json");
        AlertmanagerWebhook.register(server, sink, null, payload.length);
        byte[] oneByteMore = Arrays.copyOf(payload, payload.length + 1);
        oneByteMore[payload.length] = ' ';

        assertResponse(post(oneByteMore), 413, "body is larger than " + payload.length + " bytes");
        assertThat(sink.calls()).isZero();

        assertResponse(post(payload), 200, "ok");
        assertThat(sink.deliveries()).hasSize(1);
    }

    @Test
    void refusesAChunkedBodyOverTheLimitThoughItDeclaresNoLength() throws IOException {
        byte[] payload = fixture("firing.json");
        AlertmanagerWebhook.register(server, sink, null, payload.length - 1);

        assertResponse(postChunked(payload), 413, "body is larger than " + (payload.length - 1) + " bytes");
        assertThat(sink.calls()).isZero();
    }

    @Test
    void acceptsAChunkedBodyWithinTheLimit() throws IOException {
        AlertmanagerWebhook.register(server, sink, null);

        assertResponse(postChunked(fixture("firing.json")), 200, "ok");
        assertThat(sink.deliveries()).containsExactly(new Delivery("alertmanager", FIRING));
    }

    @Test
    void theDefaultLimitIsOneMebibyte() {
        assertThat(AlertmanagerWebhook.DEFAULT_MAX_BODY_BYTES).isEqualTo(1_048_576);
    }

    @Test
    void answersOnlyPost() throws IOException {
        AlertmanagerWebhook.register(server, sink, null);

        try (Response response = HTTP.newCall(new Request.Builder().url(url()).build()).execute()) {
            assertThat(response.code()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("POST");
        }
        assertThat(sink.calls()).isZero();
    }

    @Test
    void answers500WhenTheSinkFailsSoThatAlertmanagerRetries() throws IOException {
        AlertmanagerWebhook.register(server, sink, null);
        sink.failWith(new IllegalStateException("store is read-only"));

        assertResponse(post(fixture("firing.json")), 500, "alerts not accepted, retry later");
        assertThat(sink.calls()).isEqualTo(1);
        assertThat(sink.deliveries()).isEmpty();

        // Alertmanager's retry, once the pipeline works again.
        sink.recover();
        assertResponse(post(fixture("firing.json")), 200, "ok");
        assertThat(sink.deliveries()).containsExactly(new Delivery("alertmanager", FIRING));
    }

    @Test
    void answers503WhenTheStoreFailsSoThatAlertmanagerRetries() throws IOException {
        AlertmanagerWebhook.register(server, sink, null);
        sink.failWith(new StoreException("cannot save alerts of 1 rules", new java.sql.SQLException("disk I/O error")));

        assertResponse(post(fixture("firing.json")), 503, "store unavailable, retry later");
        assertThat(sink.deliveries()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml",
        "multipart/form-data"})
    void refusesAContentTypeThatIsClearlyNotJson(String contentType) throws IOException {
        AlertmanagerWebhook.register(server, sink, null);

        assertResponse(post(fixture("firing.json"), null, contentType), 415,
                "Content-Type \"" + contentType + "\" is not JSON: send application/json");
        assertThat(sink.calls()).isZero();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON",
        "application/vnd.alertmanager+json", "text/json"})
    void acceptsJsonOrNoContentType(String contentType) throws IOException {
        AlertmanagerWebhook.register(server, sink, null);

        assertResponse(post(fixture("firing.json"), null, contentType), 200, "ok");
        assertThat(sink.deliveries()).hasSize(1);
    }

    @Test
    void usesTheLabelsWhenTheSentFingerprintDiffersAndSaysSoAtDebug() throws IOException {
        AlertmanagerWebhook.register(server, sink, null);
        ObjectNode payload = JsonFixtures.object("alertmanager/firing.json");
        ((ObjectNode) payload.withArray("alerts").get(0)).put("fingerprint", "c6eadffa33fcdf37");

        try (CapturedLogs logs = CapturedLogs.ofOpsPackage()) {
            assertResponse(post(JsonFixtures.write(payload).getBytes(StandardCharsets.UTF_8)), 200, "ok");

            assertThat(logs.messages(Level.DEBUG)).contains("alerts[0]: fingerprint \"c6eadffa33fcdf37\" from the "
                    + "sender differs from e016081e4af8da28 computed from the labels; using e016081e4af8da28");
        }
        assertThat(sink.deliveries()).containsExactly(new Delivery("alertmanager", FIRING));
    }

    @Test
    void warnsThatAlertmanagerLeftAlertsOutAndDeliversTheRest() throws IOException {
        AlertmanagerWebhook.register(server, sink, null);
        ObjectNode payload = JsonFixtures.object("alertmanager/firing.json").put("truncatedAlerts", 3);

        try (CapturedLogs logs = CapturedLogs.ofOpsPackage()) {
            assertResponse(post(JsonFixtures.write(payload).getBytes(StandardCharsets.UTF_8)), 200, "ok");

            assertThat(logs.messages(Level.WARN)).containsExactly("Alertmanager left 3 alerts of receiver \"watchdog\""
                    + " group \"{}/{team=\\\"payments\\\"}:{alertname=\\\"HighErrorRate\\\", job=\\\"api\\\"}\""
                    + " out (the receiver's max_alerts): Watchdog never sees them");
        }
        assertThat(sink.deliveries()).containsExactly(new Delivery("alertmanager", FIRING));
    }

    @Test
    void neverLogsTheTokenOrTheAuthorizationHeader() throws IOException {
        String wrongToken = "wd-guess-0123456789";
        try (CapturedLogs logs = CapturedLogs.ofOpsPackage()) {
            AlertmanagerWebhook.register(server, sink, Secret.of(TOKEN));

            post(fixture("firing.json"), "Bearer " + wrongToken).close();
            post(fixture("malformed-bad-startsat.json"), "Bearer " + TOKEN).close();
            sink.failWith(new IllegalStateException("store is read-only"));
            post(fixture("firing.json"), "Bearer " + TOKEN).close();
            sink.recover();
            post(fixture("firing.json"), "Bearer " + TOKEN).close();

            assertThat(logs.all()).extracting(ILoggingEvent::getLevel)
                    .contains(Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG);
            assertThat(logs.allText()).doesNotContain(TOKEN, wrongToken, "Bearer", "Authorization");
        }
        assertThat(sink.deliveries()).hasSize(1);
    }

    @Test
    void refusesABadConfigurationWithoutEchoingTheToken() {
        assertThatThrownBy(() -> new AlertmanagerWebhook(sink, Secret.of(" " + TOKEN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the webhook bearer token must not start or end with whitespace");
        assertThatThrownBy(() -> new AlertmanagerWebhook(sink, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhook max body size must be between 1 and 2147483646 bytes, got 0");
        assertThatThrownBy(() -> new AlertmanagerWebhook(null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void anEmptyTokenMeansNoAuthentication() throws IOException {
        AlertmanagerWebhook.register(server, sink, Secret.NONE);

        assertResponse(post(fixture("firing.json")), 200, "ok");
    }

    private Response post(byte[] body) throws IOException {
        return post(body, null);
    }

    private Response post(byte[] body, String authorization) throws IOException {
        return post(body, authorization, "application/json");
    }

    /** A null content type sends none: the body is created without a media type. */
    private Response post(byte[] body, String authorization, String contentType) throws IOException {
        Request.Builder request = new Request.Builder().url(url()).post(RequestBody.create(body, null));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.newCall(request.build()).execute();
    }

    /** Sent with Transfer-Encoding: chunked, as a body of unknown length is. */
    private Response postChunked(byte[] body) throws IOException {
        RequestBody unknownLength = new RequestBody() {
            @Override
            public MediaType contentType() {
                return JSON;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(body);
            }
        };
        return HTTP.newCall(new Request.Builder().url(url()).post(unknownLength).build()).execute();
    }

    private String url() {
        return "http://127.0.0.1:" + server.port() + AlertmanagerWebhook.PATH;
    }

    private static byte[] fixture(String name) {
        String resource = "alertmanager/" + name;
        try (InputStream in = AlertmanagerWebhookTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertResponse(Response response, int status, String body) throws IOException {
        try (response) {
            assertThat(response.code()).isEqualTo(status);
            assertThat(response.body().string()).isEqualTo(body);
        }
    }

    /** Every event logged under dev.watchdog.ops, DEBUG included, while open. */
    private static final class CapturedLogs implements AutoCloseable {

        private final ch.qos.logback.classic.Logger logger;
        private final Level previousLevel;
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        private CapturedLogs(ch.qos.logback.classic.Logger logger) {
            this.logger = logger;
            this.previousLevel = logger.getLevel();
            appender.start();
            logger.addAppender(appender);
            logger.setLevel(Level.DEBUG);
        }

        static CapturedLogs ofOpsPackage() {
            return new CapturedLogs(
                    (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.watchdog.alerting.webhook"));
        }

        List<ILoggingEvent> all() {
            return List.copyOf(appender.list);
        }

        List<String> messages(Level level) {
            return all().stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
        }

        /** Messages, raw arguments and exception texts: everywhere a secret could leak into a log line. */
        String allText() {
            StringBuilder text = new StringBuilder();
            for (ILoggingEvent event : all()) {
                text.append(event.getFormattedMessage()).append('\n');
                if (event.getArgumentArray() != null) {
                    for (Object argument : event.getArgumentArray()) {
                        text.append(argument).append('\n');
                    }
                }
                for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                    text.append(thrown.getMessage()).append('\n');
                }
            }
            return text.toString();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            logger.setLevel(previousLevel);
        }
    }
}
