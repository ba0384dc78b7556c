package dev.watchdog.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.Await;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.RecordedSpans;
import dev.watchdog.testing.RunningWatchdog;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An alert's way from the poll that fires it through each stage to its post is one trace, a span a stage. */
class AlertDeliveryTracingTest {

    private static final String EXPR = "checkout_error_ratio > 0.05";

    @RegisterExtension
    final RecordedSpans spans = new RecordedSpans();

    @Test
    void eachStageIsASpanOfTheDeliveryWithItsDecisionAndRoute(@TempDir Path dir) throws Exception {
        try (FakePrometheus prometheus = new FakePrometheus()) {
            prometheus.nothingFor(EXPR);
            try (RunningWatchdog watchdog = RunningWatchdog.startDryRun(prometheus.url(), """
                    groups:
                      - name: checkout
                        rules:
                          - alert: CheckoutErrors
                            expr: %s
                            labels: {severity: critical}
                    """.formatted(EXPR), dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
                Telemetry.install(spans.telemetry()); // over the one Watchdog's core installed, tracing off
                // A poll traced from its start has ended: the poller is serial, so the next one is traced too.
                Await.until(Duration.ofSeconds(30), () -> spans.all().stream()
                        .anyMatch(span -> span.getName().equals("watchdog.poll")), () -> "no traced poll");
                prometheus.answer(EXPR, Map.of("team", "checkout"), 0.12);
                Await.until(Duration.ofSeconds(30), () -> spans.all().stream()
                        .anyMatch(span -> span.getName().equals("watchdog.alert.poster")), () -> "no post: " + spans.all());
            }
        }

        SpanData delivery = spans.named("watchdog.alert.deliver");
        SpanData poll = spans.all().stream().filter(span -> span.getSpanId().equals(delivery.getParentSpanId()))
                .findFirst().orElseThrow(() -> new AssertionError("the delivery's parent was not recorded"));
        assertThat(poll.getName()).isEqualTo("watchdog.poll");
        assertThat(delivery.getAttributes().get(AttributeKey.stringKey("watchdog.rule"))).isEqualTo("CheckoutErrors");
        List<SpanData> stages = spans.all().stream()
                .filter(span -> delivery.getSpanId().equals(span.getParentSpanId())).toList();
        assertThat(stages).extracting(SpanData::getName).containsExactly("watchdog.alert.muter",
                "watchdog.alert.router", "watchdog.alert.interruptedposts", "watchdog.alert.stormgrouping",
                "watchdog.alert.poster");
        assertThat(stages).allSatisfy(stage -> assertThat(stage.getAttributes()
                .get(AttributeKey.stringKey("watchdog.decision"))).isEqualTo("pass"));
        assertThat(spans.named("watchdog.alert.router").getAttributes().get(AttributeKey.stringKey("watchdog.route")))
                .isNotBlank();
        assertThat(spans.metricsText()).contains("watchdog_alert_post_latency_seconds_count 1");
    }
}
