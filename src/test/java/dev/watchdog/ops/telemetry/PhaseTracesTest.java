package dev.watchdog.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.RecordedSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The spans of tool calls and Slack envelopes, and the metrics they feed. */
class PhaseTracesTest {

    @RegisterExtension
    final RecordedSpans spans = new RecordedSpans();

    @Test
    void aToolCallIsASpanWithItsRedactedArgumentsResultSizeAndOutcome() throws IOException {
        try (ToolCallTrace call = ToolCallTrace.start("search_logs", "{\"query\":\"timeout\",\"token\":\"[REDACTED]\"}")) {
            call.finished("3 lines found", false);
        }
        try (ToolCallTrace call = ToolCallTrace.start("query_prometheus", "{\"query\":\"up ==\"}")) {
            call.finished("query_prometheus failed: bad_data", true);
        }

        SpanData search = spans.named("watchdog.tool search_logs");
        assertThat(search.getAttributes().get(AttributeKey.stringKey("watchdog.tool.arguments")))
                .isEqualTo("{\"query\":\"timeout\",\"token\":\"[REDACTED]\"}");
        assertThat(search.getAttributes().get(AttributeKey.longKey("watchdog.tool.result_chars"))).isEqualTo(13);
        assertThat(search.getAttributes().get(AttributeKey.stringKey("watchdog.tool.outcome"))).isEqualTo("ok");
        SpanData query = spans.named("watchdog.tool query_prometheus");
        assertThat(query.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(spans.metricsText())
                .contains("watchdog_tool_call_duration_seconds_count{outcome=\"ok\",tool=\"search_logs\"} 1")
                .contains("watchdog_tool_call_duration_seconds_count{outcome=\"error\",tool=\"query_prometheus\"} 1");
    }

    @Test
    void anEnvelopeIsAServerSpanFromItsArrivalToItsAckAndItsLatencyIsMeasured() throws IOException {
        Runnable answer = SlackTracing.envelope("interactive", () -> {
            try (Phase click = spans.telemetry().phase("watchdog.slack.action").logId("user", "U123")) {
                click.set("watchdog.slack.action_id", "alert_ack");
            }
        });

        answer.run();

        SpanData envelope = spans.named("watchdog.slack.envelope");
        SpanData click = spans.named("watchdog.slack.action");
        assertThat(envelope.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(envelope.getAttributes().get(AttributeKey.stringKey("watchdog.slack.envelope_type")))
                .isEqualTo("interactive");
        assertThat(click.getParentSpanId()).isEqualTo(envelope.getSpanId());
        assertThat(click.getAttributes().get(AttributeKey.stringKey("watchdog.user"))).isEqualTo("U123");
        assertThat(spans.metricsText()).contains("watchdog_slack_ack_latency_seconds_count{kind=\"action\"} 1")
                .contains("watchdog_slack_ack_latency_seconds_count{kind=\"command\"} 0");
    }

    @Test
    void envelopeTypesMapToTheKindsOfTheAckMetric() {
        assertThat(SlackTracing.kind("slash_commands")).isEqualTo("command");
        assertThat(SlackTracing.kind("interactive")).isEqualTo("action");
        assertThat(SlackTracing.kind("events_api")).isEqualTo("event");
        assertThat(SlackTracing.kind(null)).isEqualTo("event");
    }

    @Test
    void slackMethodNamesAreTakenFromThePathAndNothingElse() {
        assertThat(SlackApiTracing.method("/api/chat.postMessage")).isEqualTo("chat.postMessage");
        assertThat(SlackApiTracing.method("/api/x<script>")).isEqualTo("other");
    }
}
