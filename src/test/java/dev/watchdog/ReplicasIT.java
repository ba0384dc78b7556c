package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.db.Database;
import dev.watchdog.db.PostgresSettings;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.BlockAction;
import dev.watchdog.testing.ChildProcess;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.MetricsEndpoint;
import dev.watchdog.testing.RealPostgres;
import dev.watchdog.testing.RealPrometheus;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Watchdog processes on one PostgreSQL, a real Prometheus and one Slack workspace: one leads,
 * both serve people. Each alert is posted once; a click reaching both replicas changes the
 * alert once; a leader paused past its lease posts nothing when it wakes; a killed leader's
 * successor posts the next alert within two poll intervals.
 */
class ReplicasIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final String DISK_FULL = "disk_used_ratio > 0.9";
    private static final String QUEUE_STUCK = "queue_age_seconds > 600";
    private static final String CERT_EXPIRING = "cert_expiry_days < 7";

    @TempDir
    Path dir;

    private MetricsEndpoint metrics;
    private RealPrometheus prometheus;
    private SlackTestHarness slack;
    private PostgresSettings store;
    private Path config;
    private ChildProcess first;
    private ChildProcess second;

    @BeforeEach
    void start() throws IOException {
        metrics = new MetricsEndpoint();
        prometheus = RealPrometheus.builder().scrape(metrics).start();
        slack = SlackTestHarness.start();
        store = RealPostgres.newDatabase().newSchema();
        config = dir.resolve("watchdog.yml");
        Files.writeString(config, """
                slack:
                  bot-token: %s
                  app-token: %s
                  api-url: %s
                  channel: %s
                  post-interval: 0s
                prometheus: {url: %s, poll-interval: %ds, query-timeout: 2s}
                store: {type: postgresql, url: "%s", username: %s, password: "%s"}
                server: {port: 0}
                llm: {analyze-alerts: false}
                groups:
                  - name: infra
                    rules:
                      - {alert: DiskFull, expr: "%s", labels: {severity: critical}}
                      - {alert: QueueStuck, expr: "%s", labels: {severity: warning}}
                      - {alert: CertExpiring, expr: "%s", labels: {severity: warning}}
                """.formatted(FakeWorkspace.BOT_TOKEN, FakeWorkspace.APP_TOKEN, slack.api().methodsUrlPrefix(),
                FakeWorkspace.CHANNEL_ID, prometheus.url(), POLL.toSeconds(), store.url(), store.username(),
                store.password().reveal(), DISK_FULL, QUEUE_STUCK, CERT_EXPIRING));
    }

    @AfterEach
    void stop() throws Exception {
        for (ChildProcess child : new ChildProcess[] {first, second}) {
            if (child != null) {
                signal(child, "CONT");
                child.close();
            }
        }
        slack.close();
        prometheus.close();
        metrics.close();
    }

    @Test
    void oneLeaderPostsEachAlertOnceAndAnyReplicaServesClicks() throws Exception {
        first = startReplica();
        awaitLines(first, "this replica leads", 1);
        second = startReplica();

        metrics.set("disk_used_ratio", Map.of("instance", "db-1"), 0.97);
        SlackCall diskFull = awaitPostOf("DiskFull");
        awaitInSlack("DiskFull");

        // The same Acknowledge reaches both replicas' connections: the alert changes once.
        BlockAction ack = BlockAction.button("alert_ack", Long.toString(stored("DiskFull").orElseThrow().id()))
                .onMessage(diskFull.channel(), diskFull.postedTs());
        String toSecond = slack.socketMode().sendBlockActions(ack);
        String toFirst = slack.socketMode().sendBlockActionsToOldest(ack);
        slack.socketMode().awaitAck(toSecond, TIMEOUT);
        slack.socketMode().awaitAck(toFirst, TIMEOUT);
        Await.until(TIMEOUT, () -> stored("DiskFull").map(StoredAlert::acknowledged).orElse(false),
                () -> "neither replica recorded the acknowledgement");
        assertThat(stored("DiskFull").orElseThrow().ackedBy()).isEqualTo(FakeWorkspace.USER_ID);

        // The leader is paused past its lease: the other replica takes over and posts the next alert once.
        signal(first, "STOP");
        awaitLines(second, "this replica leads", 1);
        metrics.set("queue_age_seconds", Map.of("queue", "orders"), 900);
        awaitPostOf("QueueStuck");
        awaitInSlack("QueueStuck");

        // Woken up, the old leader finds its lease taken and posts nothing.
        int postsBefore = slack.api().calls("chat.postMessage").size();
        signal(first, "CONT");
        awaitLines(first, "another replica has taken the lead", 1);
        prometheus.awaitScrapes(3); // a few more seconds, in which the new leader polls and the old one must not post
        assertThat(slack.api().calls("chat.postMessage")).as("nothing posted after the old leader woke up")
                .hasSize(postsBefore);

        // The leader is killed: the survivor takes over within two poll intervals and posts once.
        second.kill();
        second = null;
        awaitLines(first, "this replica leads", 2);
        metrics.set("cert_expiry_days", Map.of("domain", "shop.example"), 3);
        awaitPostOf("CertExpiring");

        assertThat(postsOf("DiskFull")).as("posted once").hasSize(1);
        assertThat(postsOf("QueueStuck")).as("posted once").hasSize(1);
        assertThat(postsOf("CertExpiring")).as("posted once").hasSize(1);
    }

    private static void awaitLines(ChildProcess replica, String text, int count) {
        Await.until(TIMEOUT, () -> replica.stdout().stream().filter(line -> line.contains(text)).count() >= count,
                () -> count + " line(s) saying \"" + text + "\" expected:\n" + replica.output());
    }

    private ChildProcess startReplica() throws IOException {
        long open = slack.socketMode().openConnections();
        ChildProcess replica = ChildProcess.startJar(Map.of("WATCHDOG_LOG_FORMAT", "text"), "--config",
                config.toString());
        Await.until(TIMEOUT, () -> slack.socketMode().openConnections() > open,
                () -> "the replica never connected to Slack:\n" + replica.output());
        return replica;
    }

    /** SIGSTOP pauses a process as a long GC or a frozen VM would; SIGCONT wakes it. */
    private static void signal(ChildProcess process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }

    private SlackCall awaitPostOf(String ruleName) {
        return Await.value(TIMEOUT, () -> postsOf(ruleName).stream().findFirst(),
                () -> ruleName + " was never posted; posts: " + slack.api().calls("chat.postMessage"));
    }

    private void awaitInSlack(String ruleName) {
        Await.until(TIMEOUT, () -> stored(ruleName).map(StoredAlert::inSlack).orElse(false),
                () -> ruleName + "'s message was never stored");
    }

    private List<SlackCall> postsOf(String ruleName) {
        return slack.api().calls("chat.postMessage").stream().filter(call -> call.text().contains(ruleName)).toList();
    }

    private Optional<StoredAlert> stored(String ruleName) {
        try (Database database = Database.postgresql(store)) {
            return new SqlAlertStore(database, Clock.systemUTC()).openAlerts().stream()
                    .filter(alert -> alert.alert().ruleName().equals(ruleName)).findFirst();
        }
    }
}
