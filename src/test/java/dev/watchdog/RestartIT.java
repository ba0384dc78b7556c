package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.db.Database;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.ChildProcess;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watchdog as a child process, killed with SIGKILL (no shutdown hook runs) and started again on
 * the same store: nothing already in Slack is posted again, pending timers resume from their
 * stored start, and the alerts it posted before the crash are still resolved in place.
 */
class RestartIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DISK_FULL = "disk_used_ratio > 0.9";
    private static final String QUEUE_STUCK = "queue_age_seconds > 600";
    private static final Duration QUEUE_STUCK_FOR = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private FakePrometheus prometheus;
    private SlackTestHarness slack;
    private Path config;
    private ChildProcess child;

    @BeforeEach
    void start() throws Exception {
        prometheus = new FakePrometheus();
        slack = SlackTestHarness.start();
        config = dir.resolve("watchdog.yml");
        Files.writeString(config, """
                slack:
                  bot-token: %s
                  app-token: %s
                  api-url: %s
                  channel: %s
                prometheus: {url: %s, poll-interval: 1s, query-timeout: 2s}
                store: {path: %s}
                server: {port: 0}
                llm: {analyze-alerts: false}
                groups:
                  - name: infra
                    rules:
                      - alert: DiskFull
                        expr: %s
                        labels: {severity: critical}
                      - alert: QueueStuck
                        expr: %s
                        for: %ds
                        labels: {severity: warning}
                """.formatted(FakeWorkspace.BOT_TOKEN, FakeWorkspace.APP_TOKEN, slack.api().methodsUrlPrefix(),
                FakeWorkspace.CHANNEL_ID, prometheus.url(), dir.resolve("watchdog.db"), DISK_FULL, QUEUE_STUCK,
                QUEUE_STUCK_FOR.toSeconds()));
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.close();
        }
        slack.close();
        prometheus.close();
    }

    private void startWatchdog() throws Exception {
        child = slack.startWatchdogJar(config, TIMEOUT);
    }

    private void killWatchdog() throws InterruptedException {
        child.kill();
        child = null;
    }

    private Optional<StoredAlert> stored(String ruleName) {
        try (Database database = Database.sqlite(dir.resolve("watchdog.db"))) {
            return new SqlAlertStore(database, Clock.systemUTC()).openAlerts().stream()
                    .filter(alert -> alert.alert().ruleName().equals(ruleName)).findFirst();
        }
    }

    /** Waits for {@code count} more polls of both rules. */
    private void awaitPolls(int count) {
        prometheus.awaitQueries(count * 2, TIMEOUT);
    }

    private List<SlackCall> postsOf(String ruleName) {
        return slack.api().calls("chat.postMessage").stream().filter(call -> call.text().contains(ruleName)).toList();
    }

    @Test
    void afterKillNineNothingIsPostedTwiceAndPendingTimersResume() throws Exception {
        prometheus.answer(DISK_FULL, Map.of("instance", "db-1"), 0.97);
        prometheus.answer(QUEUE_STUCK, Map.of("queue", "orders"), 900);
        startWatchdog();
        SlackCall diskFull = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);
        assertThat(diskFull.text()).startsWith("[FIRING] DiskFull");
        Await.until(TIMEOUT, () -> stored("DiskFull").map(StoredAlert::inSlack).orElse(false),
                () -> "DiskFull's message was never stored");
        StoredAlert pending = Await.value(TIMEOUT, () -> stored("QueueStuck"), () -> "QueueStuck never pending");
        assertThat(pending.alert().state()).isEqualTo(AlertState.PENDING);
        awaitPolls(3); // a few seconds into `for`, so a restarted timer would be told apart from a resumed one

        killWatchdog();
        Instant restartedAt = Instant.now();
        startWatchdog();
        awaitPolls(3);

        assertThat(postsOf("DiskFull")).as("posted before the crash, not again").hasSize(1);
        SlackCall queueStuck = Await.value(TIMEOUT, () -> postsOf("QueueStuck").stream().findFirst(),
                () -> "QueueStuck never fired");
        StoredAlert fired = stored("QueueStuck").orElseThrow();
        assertThat(fired.alert().activeAt()).as("the pending timer kept its start").isEqualTo(pending.alert().activeAt());
        assertThat(fired.alert().firedAt()).as("it fired when `for` elapsed since that start, not since the restart")
                .isBefore(restartedAt.plus(QUEUE_STUCK_FOR));
        assertThat(queueStuck.text()).startsWith("[FIRING] QueueStuck");

        prometheus.nothingFor(DISK_FULL);
        SlackCall resolved = slack.api().awaitCalls("chat.update", 1, TIMEOUT).get(0);
        assertThat(resolved.param("ts")).isEqualTo(diskFull.postedTs());
        assertThat(resolved.text()).startsWith("[RESOLVED] DiskFull");
        assertThat(slack.api().calls("chat.postMessage").stream().filter(call -> call.threadTs() == null))
                .as("the two alerts, each posted once").hasSize(2);
    }

    @Test
    void killedWhileSlackWasAcceptingThePostItFindsTheMessageInsteadOfPostingAgain() throws Exception {
        slack.api().acceptButAnswerLate("chat.postMessage", Duration.ofSeconds(60));
        prometheus.answer(DISK_FULL, Map.of("instance", "db-1"), 0.97);
        prometheus.nothingFor(QUEUE_STUCK);
        startWatchdog();
        Await.until(TIMEOUT, () -> slack.api().history().size() == 1, () -> "the post never reached Slack");
        assertThat(stored("DiskFull").orElseThrow().inSlack()).as("the answer is still on its way").isFalse();

        killWatchdog();
        startWatchdog();

        Await.until(TIMEOUT, () -> stored("DiskFull").map(StoredAlert::inSlack).orElse(false),
                () -> "the message in Slack was never found and recorded");
        awaitPolls(2);
        assertThat(slack.api().calls("conversations.history")).isNotEmpty();
        assertThat(slack.api().history()).as("nothing posted twice").hasSize(1);
        String ts = slack.api().history().get(0).path("ts").asText();
        assertThat(stored("DiskFull").orElseThrow().message().ts()).isEqualTo(ts);
        assertThat(slack.api().history().get(0).path("metadata").path("event_type").asText())
                .isEqualTo("watchdog_alert");
    }
}
