package dev.watchdog.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.LogCapture;
import dev.watchdog.testing.RunningWatchdog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One grep follows an alert: every log line about it, from the poll that fired it through its post
 * to the investigation that answers in its thread, carries its fingerprint and one trace id, and
 * from the post on its occurrence id; the investigation's lines carry the thread too.
 */
class AlertLogTrailTest {

    @Test
    void theLogLinesOfOneAlertCarryTheSameIdsFromPollToThreadReply(@TempDir Path dir) throws Exception {
        try (FakePrometheus prometheus = new FakePrometheus(); LogCapture logs = LogCapture.open()) {
            prometheus.answer("up == 0", Map.of("job", "checkout", "instance", "a:80"), 0);
            int mark = logs.mark();
            try (RunningWatchdog watchdog = RunningWatchdog.startDryRun(prometheus.url(), """
                    groups:
                      - name: checkout
                        rules:
                          - alert: CheckoutDown
                            expr: up == 0
                            labels: {severity: critical}
                    llm:
                      provider: none
                    telemetry:
                      enabled: true
                      endpoint: http://127.0.0.1:%d
                    """.formatted(closedPort()), dir,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
                Await.until(Duration.ofSeconds(30), () -> logs.since(mark, Level.INFO).stream()
                                .anyMatch(event -> event.getFormattedMessage().startsWith(
                                        "investigation of alert CheckoutDown ended")),
                        () -> "the investigation did not end:" + LogCapture.describe(logs.since(mark, Level.INFO)));
            }
            List<ILoggingEvent> events = logs.since(mark, Level.INFO);
            // The poll logs one summary line per group at INFO (its per-alert lines are DEBUG): the post is the first
            ILoggingEvent firstPosted = find(events, "posted alert");
            String fingerprint = firstPosted.getMDCPropertyMap().get("alert");
            assertThat(fingerprint).isNotBlank();
            List<ILoggingEvent> trail = events.stream()
                    .filter(event -> fingerprint.equals(event.getMDCPropertyMap().get("alert")))
                    .toList();

            assertThat(trail).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.startsWith("posted alert"))
                    .anyMatch(m -> m.startsWith("investigation of alert CheckoutDown #"))
                    .anyMatch(m -> m.startsWith("investigation of alert CheckoutDown ended"));
            Set<String> traces = trail.stream().map(event -> event.getMDCPropertyMap().get("trace_id"))
                    .collect(Collectors.toSet());
            assertThat(traces).as(LogCapture.describe(trail)).hasSize(1).doesNotContainNull();
            ILoggingEvent posted = trail.stream().filter(e -> e.getFormattedMessage().startsWith("posted alert"))
                    .findFirst().orElseThrow();
            String occurrence = posted.getMDCPropertyMap().get("occurrence");
            assertThat(occurrence).isNotBlank();
            ILoggingEvent ended = find(trail, "investigation of alert CheckoutDown ended");
            assertThat(ended.getMDCPropertyMap()).containsEntry("occurrence", occurrence).containsKey("thread");
            assertThat(ended.getFormattedMessage()).contains("no_model");
        }
    }

    private static ILoggingEvent find(List<ILoggingEvent> events, String prefix) {
        return events.stream().filter(event -> event.getFormattedMessage().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting \"" + prefix + "\":"
                        + LogCapture.describe(events)));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
