package dev.watchdog.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.concurrent.Workers;
import dev.watchdog.testing.RecordedSpans;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/** Log lines carry the trace, the span and the ids of what is handled, on every thread the work goes to. */
class LogIdsTest {

    @RegisterExtension
    final RecordedSpans spans = new RecordedSpans();

    @Test
    void insideAPhaseTheLogContextHasItsTraceSpanAndIdsAndAfterwardsWhatWasThere() {
        MDC.put("alert", "outer");
        Map<String, String> inside;
        try (Phase phase = spans.telemetry().phase("watchdog.alert.deliver").logId("alert", "4f2a")
                .logId("occurrence", 17L)) {
            inside = new HashMap<>(MDC.getCopyOfContextMap());
        }
        Map<String, String> after = MDC.getCopyOfContextMap();
        MDC.remove("alert");

        SpanData span = spans.named("watchdog.alert.deliver");
        assertThat(inside).containsEntry("trace_id", span.getTraceId()).containsEntry("span_id", span.getSpanId())
                .containsEntry("alert", "4f2a").containsEntry("occurrence", "17");
        assertThat(after).containsEntry("alert", "outer").doesNotContainKeys("trace_id", "span_id", "occurrence");
        assertThat(span.getAttributes().asMap().toString()).contains("watchdog.alert=4f2a");
    }

    @Test
    void workHandedToWatchdogsPoolsStaysInTheTraceWithItsIds() throws Exception {
        Map<String, String> onThePool = new HashMap<>();
        try (Workers workers = new Workers()) {
            ExecutorService pool = workers.pool("test-pool", 1);
            try (Phase phase = spans.telemetry().phase("watchdog.investigation").logId("thread", "C1:1700.1")) {
                pool.submit(() -> {
                    try (Phase child = spans.telemetry().phase("watchdog.tool query_prometheus")) {
                        onThePool.putAll(MDC.getCopyOfContextMap());
                    }
                }).get(10, TimeUnit.SECONDS);
            }
            // Nothing leaks to the pool's next task.
            Map<String, String> later = pool.submit(() -> MDC.getCopyOfContextMap() == null
                    ? Map.<String, String>of() : Map.copyOf(MDC.getCopyOfContextMap())).get(10, TimeUnit.SECONDS);
            assertThat(later).doesNotContainKeys("trace_id", "thread");
        }

        SpanData parent = spans.named("watchdog.investigation");
        SpanData child = spans.named("watchdog.tool query_prometheus");
        assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(onThePool).containsEntry("trace_id", parent.getTraceId()).containsEntry("span_id", child.getSpanId())
                .containsEntry("thread", "C1:1700.1");
    }

    @Test
    void withTracingOffTheIdsStillReachTheLogs() {
        Telemetry.install(Telemetry.off());
        Map<String, String> inside;
        try (Phase phase = Telemetry.get().phase("watchdog.approval.approved").logId("proposal", "P-7")) {
            inside = new HashMap<>(MDC.getCopyOfContextMap());
        }

        assertThat(inside).containsEntry("proposal", "P-7").doesNotContainKeys("trace_id", "span_id");
        assertThat(spans.all()).isEmpty();
    }
}
