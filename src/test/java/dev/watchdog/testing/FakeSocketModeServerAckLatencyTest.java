package dev.watchdog.testing;

import static dev.watchdog.testing.SlackTestHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.App;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FakeSocketModeServer#ackLatency} is there once an envelope is acked and only then. How large it is
 * is the benchmark's business ({@code dev.watchdog.bench.AckLatencyBenchmark}); tests never assert speed.
 */
class FakeSocketModeServerAckLatencyTest {

    private SlackTestHarness slack;

    @BeforeEach
    void start() {
        slack = SlackTestHarness.start();
        App app = slack.newApp();
        app.command("/watchdog", (request, context) -> context.ack());
        slack.startSocketMode(app);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void anAckedEnvelopeHasALatency() {
        String envelopeId = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("status"));

        slack.socketMode().awaitAck(envelopeId, TIMEOUT);

        assertThat(slack.socketMode().ackLatency(envelopeId)).hasValueSatisfying(latency ->
                assertThat(latency).isGreaterThanOrEqualTo(Duration.ZERO));
    }

    @Test
    void anEnvelopeNobodyAckedOrNeverSentHasNone() {
        String unacked = slack.socketMode().sendSlashCommand(SlashCommand.of("/unregistered", "x"));
        String acked = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("status"));
        slack.socketMode().awaitAck(acked, TIMEOUT); // sent after the unregistered one over the same connection

        assertThat(slack.socketMode().ackLatency(unacked)).isEmpty();
        assertThat(slack.socketMode().ackLatency("never-sent")).isEmpty();
    }
}
