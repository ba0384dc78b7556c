package dev.watchdog.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.notify.AlertMessage;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.BlockAction;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.RecordedSpans;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.SlashCommand;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands and clicks through the real Bolt Socket Mode client: the envelope is a server span up
 * to its ack, the command or click inside it names what and who, and the message edit the click
 * causes after its ack is a Slack API call in the same trace, counted by method and status.
 */
class SlackTracingEndToEndTest {

    private static final Duration TIMEOUT = SlackTestHarness.TIMEOUT;
    private static final String ERRORS = "checkout_error_ratio > 0.05";

    @RegisterExtension
    final RecordedSpans spans = new RecordedSpans();

    @TempDir
    Path dir;

    private FakePrometheus prometheus;
    private SlackTestHarness slack;
    private RunningWatchdog watchdog;

    @BeforeEach
    void start() throws Exception {
        prometheus = new FakePrometheus();
        prometheus.answer(ERRORS, Map.of("team", "checkout"), 0.12);
        slack = SlackTestHarness.start();
        watchdog = RunningWatchdog.start(slack, prometheus.url(), """
                groups:
                  - name: checkout
                    rules:
                      - alert: CheckoutErrors
                        expr: %s
                        labels: {severity: critical}
                """.formatted(ERRORS), dir);
        slack.socketMode().awaitConnected(TIMEOUT);
        Telemetry.install(spans.telemetry()); // over the one Watchdog's core installed, tracing off
    }

    @AfterEach
    void stop() {
        watchdog.close();
        slack.close();
        prometheus.close();
    }

    @Test
    void aCommandIsAnEnvelopeSpanWithTheSubCommandAndWho() {
        String envelope = slack.socketMode().sendSlashCommand(SlashCommand.of("/watchdog", "status"));
        slack.socketMode().awaitAck(envelope, TIMEOUT);

        SpanData command = Await.value(TIMEOUT, () -> spans.all().stream()
                .filter(span -> span.getName().equals("watchdog.slack.command")).findFirst(), () -> "no command span");
        // The envelope's span ends just after the ack is sent.
        SpanData received = Await.value(TIMEOUT, () -> spans.all().stream()
                .filter(span -> span.getSpanId().equals(command.getParentSpanId())).findFirst(),
                () -> "the command's parent did not end: " + spans.all());
        assertThat(received.getName()).isEqualTo("watchdog.slack.envelope");
        assertThat(received.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(received.getAttributes().get(AttributeKey.stringKey("watchdog.slack.envelope_type")))
                .isEqualTo("slash_commands");
        assertThat(command.getAttributes().get(AttributeKey.stringKey("watchdog.slack.subcommand"))).isEqualTo("status");
        assertThat(command.getAttributes().get(AttributeKey.stringKey("watchdog.user"))).isNotBlank();
    }

    @Test
    void theEditAClickCausesAfterItsAckIsInTheClicksTrace() throws Exception {
        SlackCall post = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);
        String alertId = SlackBlocks.byId(post.attachments().get(0), "alert-actions")
                .path("elements").get(0).path("value").asText();
        Await.until(TIMEOUT, () -> watchdog.watchdog().store().byId(Long.parseLong(alertId))
                .filter(stored -> stored.inSlack()).isPresent(), () -> "the alert's message was not recorded");
        int updates = slack.api().calls("chat.update").size();

        String envelope = slack.socketMode().sendBlockActions(BlockAction.button(AlertMessage.ACK, alertId)
                .onMessage(post.channel(), post.postedTs()));
        slack.socketMode().awaitAck(envelope, TIMEOUT);
        slack.api().awaitCalls("chat.update", updates + 1, TIMEOUT);

        SpanData click = Await.value(TIMEOUT, () -> spans.all().stream()
                .filter(span -> span.getName().equals("watchdog.slack.action")).findFirst(), () -> "no click span");
        SpanData edit = Await.value(TIMEOUT, () -> spans.all().stream()
                .filter(span -> "/api/chat.update".equals(span.getAttributes().get(AttributeKey.stringKey("url.path"))))
                .findFirst(), () -> "no span of the chat.update call: " + spans.all());
        assertThat(click.getAttributes().get(AttributeKey.stringKey("watchdog.slack.action_id")))
                .isEqualTo(AlertMessage.ACK);
        assertThat(edit.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(edit.getTraceId()).isEqualTo(click.getTraceId());
        assertThat(edit.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200);
        assertThat(spans.metricsText())
                .containsPattern("watchdog_slack_api_calls_total\\{method=\"chat.update\",status=\"200\"} [1-9]")
                .containsPattern("watchdog_slack_ack_latency_seconds_count\\{kind=\"action\"} [1-9]");
    }
}
