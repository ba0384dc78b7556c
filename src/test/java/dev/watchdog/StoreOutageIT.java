package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.PostgresSettings;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.ChildProcess;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.RealPostgres;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watchdog on PostgreSQL while PostgreSQL goes away in the middle of polling and comes back: it
 * says so (logs, {@code /readyz}, Slack), posts nothing it could not record first, and once the
 * store is back posts what fired meanwhile, once, and nothing again.
 */
class StoreOutageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** One client, so polling /readyz reuses its connection instead of opening one per try (the server caps them). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String DISK_FULL = "disk_used_ratio > 0.9";
    private static final String QUEUE_STUCK = "queue_age_seconds > 600";

    @TempDir
    Path dir;

    private FakePrometheus prometheus;
    private SlackTestHarness slack;
    private ChildProcess watchdog;

    @BeforeEach
    void start() throws IOException {
        prometheus = new FakePrometheus();
        prometheus.nothingFor(QUEUE_STUCK);
        prometheus.answer(DISK_FULL, Map.of("instance", "db-1"), 0.97);
        slack = SlackTestHarness.start();
        PostgresSettings store = RealPostgres.newDatabase().newSchema();
        Path config = dir.resolve("watchdog.yml");
        Files.writeString(config, """
                slack: {bot-token: %s, app-token: %s, api-url: %s, channel: %s, post-interval: 0s}
                prometheus: {url: %s, poll-interval: 1s, query-timeout: 2s}
                store: {type: postgresql, url: "%s", username: %s, password: "%s", connect-timeout: 1s}
                server: {port: 0}
                llm: {analyze-alerts: false}
                groups:
                  - name: infra
                    rules:
                      - {alert: DiskFull, expr: "%s", labels: {severity: critical}}
                      - {alert: QueueStuck, expr: "%s", labels: {severity: warning}}
                """.formatted(FakeWorkspace.BOT_TOKEN, FakeWorkspace.APP_TOKEN, slack.api().methodsUrlPrefix(),
                FakeWorkspace.CHANNEL_ID, prometheus.url(), store.url(), store.username(), store.password().reveal(),
                DISK_FULL, QUEUE_STUCK));
        watchdog = ChildProcess.startJar(Map.of("WATCHDOG_LOG_FORMAT", "text"), "--config", config.toString());
    }

    @AfterEach
    void stop() throws Exception {
        RealPostgres.server().ensureRunning();
        if (watchdog != null) {
            watchdog.close();
        }
        slack.close();
        prometheus.close();
    }

    @Test
    void anOutageOfTheStoreLosesNothingAndPostsNothingTwice() throws Exception {
        awaitPostOf("DiskFull");
        int opsPort = opsPort();
        Await.until(TIMEOUT, () -> readyz(opsPort).statusCode() == 200, () -> "never ready");

        RealPostgres.server().stop();
        prometheus.answer(QUEUE_STUCK, Map.of("queue", "orders"), 900);
        Await.until(TIMEOUT, () -> readyz(opsPort).body().contains("store"),
                () -> "/readyz never named the store: " + readyz(opsPort).body());
        assertThat(readyz(opsPort).statusCode()).isEqualTo(503);
        awaitText(":warning: Watchdog cannot reach its store");
        // Without its store no replica can hold the lease, so none polls: nothing is raised that
        // could not be recorded first.
        assertThat(postsOf("QueueStuck")).as("not recorded, so not posted").isEmpty();

        RealPostgres.server().start();
        awaitText(":white_check_mark: Watchdog reaches its store again.");
        awaitPostOf("QueueStuck");
        prometheus.awaitQueries(2 * 3, TIMEOUT);

        assertThat(postsOf("DiskFull")).as("posted before the outage, not again").hasSize(1);
        assertThat(postsOf("QueueStuck")).as("posted once when the store was back").hasSize(1);
        assertThat(readyz(opsPort).statusCode()).isEqualTo(200);
    }

    private int opsPort() {
        String line = watchdog.awaitStdoutLine(text -> text.contains("ops server listening on"), TIMEOUT);
        Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(line);
        assertThat(port.find()).as(line).isTrue();
        return Integer.parseInt(port.group(1));
    }

    private static HttpResponse<String> readyz(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/readyz")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("/readyz did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void awaitText(String text) {
        Await.until(TIMEOUT, () -> slack.api().calls("chat.postMessage").stream()
                .anyMatch(call -> call.text().contains(text)), () -> "never said \"" + text + "\"; posts: "
                + slack.api().calls("chat.postMessage") + "\n" + watchdog.output());
    }

    private SlackCall awaitPostOf(String ruleName) {
        return Await.value(TIMEOUT, () -> postsOf(ruleName).stream().findFirst(),
                () -> ruleName + " was never posted:\n" + watchdog.output());
    }

    private List<SlackCall> postsOf(String ruleName) {
        return slack.api().calls("chat.postMessage").stream().filter(call -> call.text().startsWith("[FIRING] "
                + ruleName)).toList();
    }
}
