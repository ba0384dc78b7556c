package dev.watchdog.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.webhook.AlertmanagerWebhook;
import dev.watchdog.concurrent.Workers;
import dev.watchdog.security.Secret;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.RecordingExternalAlertSink;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that are slow on purpose or by accident hold at most a connection of the ops server,
 * never what {@code /healthz} and the Alertmanager webhook need, and every one is ended in time.
 */
class SlowClientsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TOKEN = "s3cret-webhook-token";
    private static final byte[] NOTIFICATION = """
            {"version":"4","groupKey":"{}:{alertname=\\"A\\"}","status":"firing","receiver":"watchdog",
             "groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
             "alerts":[{"status":"firing","labels":{"alertname":"A"},"annotations":{},
                        "startsAt":"2026-11-22T02:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                        "generatorURL":"http://prom/graph","fingerprint":"a1"}]}
            """.getBytes(StandardCharsets.UTF_8);

    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(WAIT).retryOnConnectionFailure(false)
            .build();
    private final Workers workers = new Workers();
    private final RecordingExternalAlertSink sink = new RecordingExternalAlertSink();
    /** Sends the slow clients' bytes, one a second each: they act over time, the test only waits on answers. */
    private final ScheduledExecutorService dribble = Executors.newSingleThreadScheduledExecutor();
    private final List<Socket> sockets = new ArrayList<>();
    private OpsServer server;

    private void start(OpsServer.Limits limits) throws IOException {
        server = OpsServer.start("127.0.0.1", 0, new Readiness(), new PrometheusRegistry(),
                workers.pool("ops-http", OpsServer.THREADS), limits);
        AlertmanagerWebhook.register(server, sink, Secret.of(TOKEN), 4096);
    }

    @AfterEach
    void stop() throws IOException {
        dribble.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        server.close();
        workers.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void healthAndTheWebhookAnswerWhileEightSlowClientsAreConnected() throws IOException {
        start(OpsServer.Limits.DEFAULT);
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slow.add(dribbling("", "GET /healthz HTTP/1.1\r\nHost: ops\r\nX-Slow: " + "x".repeat(100)));
            slow.add(dribbling(postHeaders("Bearer " + TOKEN, 4000), "{\"version\":\"4\"," + " ".repeat(3000)));
        }

        for (int round = 0; round < 3; round++) {
            assertAnswer(get("/healthz"), 200, "ok");
            assertAnswer(get("/readyz"), 200, "ready");
            assertAnswer(postNotification(), 200, "ok");
        }

        assertThat(slow).as("the slow clients were still connected while the others were answered")
                .allSatisfy(socket -> assertThat(closedByServer(socket)).isFalse());
        assertThat(sink.calls()).isEqualTo(3);
    }

    @Test
    void slowHeadersAndBodiesAreCutOffInTime() throws IOException {
        start(new OpsServer.Limits(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(30), 64));
        Socket slowHeaders = dribbling("", "GET /healthz HTTP/1.1\r\nHost: ops\r\nX-Slow: " + "x".repeat(100));
        Socket slowBody = dribbling(postHeaders("Bearer " + TOKEN, 4000), "{" + " ".repeat(3000));

        Await.until(WAIT, () -> closedByServer(slowHeaders) && closedByServer(slowBody),
                () -> "the server kept a slow client connected");
        assertThat(sink.calls()).isZero();
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeAByteOfItIsSent() throws IOException {
        start(OpsServer.Limits.DEFAULT);
        Socket socket = connect();
        send(socket, postHeaders("Bearer " + TOKEN, 10_000_000));

        assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIs413BeforeItEnds() throws IOException {
        start(OpsServer.Limits.DEFAULT);
        Socket socket = connect();
        send(socket, "POST /api/alertmanager HTTP/1.1\r\nHost: ops\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = Integer.toHexString(1024) + "\r\n" + " ".repeat(1024) + "\r\n";
        for (int i = 0; i < 8; i++) {
            send(socket, chunk); // 8 KiB of a body that never ends, twice the limit
        }

        assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        assertThat(sink.calls()).isZero();
    }

    @Test
    void anUnauthenticatedWebhookPostIs401BeforeItsBodyIsSent() throws IOException {
        start(OpsServer.Limits.DEFAULT);
        Socket socket = connect();
        send(socket, postHeaders(null, 2000));

        assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(sink.calls()).isZero();
    }

    @Test
    void connectionsOverTheCapWaitUntilOneCloses() throws IOException {
        start(new OpsServer.Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), 2));
        Socket first = connect();
        connect();
        Socket third = connect();
        send(third, "GET /healthz HTTP/1.1\r\nHost: ops\r\n\r\n");
        assertThat(closedByServer(third)).as("the third connection waits to be accepted").isFalse();

        first.close();

        assertThat(statusLine(third)).isEqualTo("HTTP/1.1 200 OK");
    }

    // ---- clients ---------------------------------------------------------------------------------------

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        sockets.add(socket);
        return socket;
    }

    /** A client that sends {@code atOnce}, then {@code text} one byte a second, and never finishes its request. */
    private Socket dribbling(String atOnce, String text) throws IOException {
        Socket socket = connect();
        send(socket, atOnce);
        OutputStream out = socket.getOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        int[] next = {0};
        dribble.scheduleAtFixedRate(() -> {
            if (next[0] < bytes.length && !socket.isClosed()) {
                try {
                    out.write(bytes[next[0]++]);
                    out.flush();
                } catch (IOException closed) {
                    next[0] = bytes.length;
                }
            }
        }, 0, 1, TimeUnit.SECONDS);
        return socket;
    }

    private static String postHeaders(String authorization, int contentLength) {
        return "POST /api/alertmanager HTTP/1.1\r\nHost: ops\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String statusLine(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** True once the server has closed the connection (end of stream or reset); false while it is open. */
    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private Response get(String path) throws IOException {
        return http.newCall(new Request.Builder().url(url(path)).build()).execute();
    }

    private Response postNotification() throws IOException {
        return http.newCall(new Request.Builder().url(url(AlertmanagerWebhook.PATH))
                .header("Authorization", "Bearer " + TOKEN)
                .post(RequestBody.create(NOTIFICATION, MediaType.get("application/json"))).build()).execute();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static void assertAnswer(Response response, int status, String body) {
        try (response) {
            assertThat(response.code()).isEqualTo(status);
            assertThat(response.body().string()).isEqualTo(body);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
