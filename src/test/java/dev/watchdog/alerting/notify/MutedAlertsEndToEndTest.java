package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.SlashCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kube-prometheus heartbeat {@code Watchdog} and alerts matched by {@code alerting.ignore} are
 * stored but never posted nor reminded, through the whole app; the others go on as ever.
 */
class MutedAlertsEndToEndTest {

    private static final Duration TIMEOUT = SlackTestHarness.TIMEOUT;
    private static final String HEARTBEAT = "vector(1)";
    private static final String INHIBITOR = "inhibitor_marker == 1";
    private static final String ERRORS = "checkout_error_ratio > 0.05";
    private static final String CONFIG = """
            alerting:
              repeat-interval: 4h
              ignore:
                - matchers: ['alertname="InfoInhibitor"']
            groups:
              - name: meta
                rules:
                  - alert: Watchdog
                    expr: %s
                    labels: {severity: none}
                  - alert: InfoInhibitor
                    expr: %s
                    labels: {severity: none}
                  - alert: CheckoutErrors
                    expr: %s
                    labels: {severity: critical}
            """.formatted(HEARTBEAT, INHIBITOR, ERRORS);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
    private FakePrometheus prometheus;
    private SlackTestHarness slack;
    private RunningWatchdog watchdog;

    @BeforeEach
    void start() throws Exception {
        prometheus = new FakePrometheus();
        prometheus.answer(HEARTBEAT, Map.of(), 1);
        prometheus.answer(INHIBITOR, Map.of(), 1);
        prometheus.answer(ERRORS, Map.of("team", "checkout"), 0.12);
        slack = SlackTestHarness.start();
        watchdog = RunningWatchdog.start(slack, prometheus.url(), CONFIG, "", dir, clock);
        slack.socketMode().awaitConnected(TIMEOUT);
    }

    @AfterEach
    void stop() {
        watchdog.close();
        slack.close();
        prometheus.close();
    }

    @Test
    void theHeartbeatAndIgnoredAlertsAreStoredButNeverPostedNorReminded() {
        slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT);
        clock.advance(Duration.ofHours(4));
        slack.api().awaitCalls("chat.postMessage", 2, TIMEOUT);
        prometheus.awaitQueries(9, TIMEOUT);

        assertThat(slack.api().calls("chat.postMessage")).as("one post and its reminder, nothing else")
                .extracting(SlackCall::text).satisfiesExactly(
                        text -> assertThat(text).startsWith("[FIRING] CheckoutErrors"),
                        text -> assertThat(text).startsWith(":alarm_clock: Still firing after 4h"));
        String alerts = slack.socketMode().awaitAck(slack.socketMode().sendSlashCommand(
                SlashCommand.watchdog("alerts")), TIMEOUT).payload().path("text").asText();
        assertThat(alerts).contains("*Active alerts* (3)", "*Watchdog* firing", "*InfoInhibitor* firing");
    }
}
