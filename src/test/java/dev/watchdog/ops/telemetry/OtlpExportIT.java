package dev.watchdog.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.watchdog.ops.WatchdogMetrics;
import dev.watchdog.testing.Await;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real OTLP/HTTP (protobuf) from the SDK's exporter to a receiver in the test that decodes each
 * {@code ExportTraceServiceRequest}, as a collector would; and what happens when the collector
 * is absent or stuck: spans are dropped and counted, and nothing waits for it.
 */
class OtlpExportIT {

    private final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean stuck;
    private HttpServer collector;
    private PrometheusRegistry registry;
    private WatchdogMetrics metrics;

    @BeforeEach
    void startCollector() throws IOException {
        registry = new PrometheusRegistry();
        metrics = new WatchdogMetrics(registry);
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                if (stuck) {
                    release.await(30, TimeUnit.SECONDS);
                }
                received.add(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        release.countDown();
        collector.stop(0);
    }

    @Test
    void spansArriveAtTheCollectorWithTheirServiceAttributesAndParents() throws Exception {
        Telemetry telemetry = Telemetry.install(settings("http://127.0.0.1:" + collector.getAddress().getPort(), 2048),
                metrics);
        try {
            try (Phase poll = telemetry.phase("watchdog.poll").set("watchdog.rules", 3)) {
                try (Phase delivery = telemetry.phase("watchdog.alert.deliver").logId("alert", "4f2a")) {
                    delivery.set("watchdog.rule", "HighErrorRate");
                }
            }
        } finally {
            telemetry.close(); // flushes
        }

        List<Span> spans = received.stream()
                .flatMap(request -> request.getResourceSpansList().stream())
                .flatMap(resource -> resource.getScopeSpansList().stream())
                .flatMap(scope -> scope.getSpansList().stream())
                .toList();
        assertThat(spans).extracting(Span::getName).containsExactlyInAnyOrder("watchdog.poll", "watchdog.alert.deliver");
        Span poll = spans.stream().filter(span -> span.getName().equals("watchdog.poll")).findFirst().orElseThrow();
        Span delivery = spans.stream().filter(span -> span.getName().equals("watchdog.alert.deliver")).findFirst()
                .orElseThrow();
        assertThat(delivery.getTraceId()).isEqualTo(poll.getTraceId());
        assertThat(delivery.getParentSpanId()).isEqualTo(poll.getSpanId());
        assertThat(attributes(poll.getAttributesList())).containsEntry("watchdog.rules", "3");
        assertThat(attributes(delivery.getAttributesList()))
                .containsEntry("watchdog.alert", "4f2a")
                .containsEntry("watchdog.rule", "HighErrorRate");
        assertThat(attributes(received.get(0).getResourceSpans(0).getResource().getAttributesList()))
                .containsEntry("service.name", "watchdog-under-test");
        assertThat(authorizations).containsOnly("Bearer collector-token");
        assertThat(dropped("export_failed")).isZero();
    }

    @Test
    void anAbsentCollectorCostsTheSpansAndCountsThem() throws Exception {
        Telemetry telemetry = Telemetry.install(settings("http://127.0.0.1:" + closedPort(), 2048), metrics);
        try {
            for (int i = 0; i < 5; i++) {
                telemetry.phase("watchdog.poll").close();
            }
        } finally {
            telemetry.close();
        }

        assertThat(received).isEmpty();
        assertThat(dropped("export_failed")).isEqualTo(5);
    }

    @Test
    void aStuckCollectorFillsTheQueueAndLaterSpansAreDroppedNotWaitedFor() throws Exception {
        stuck = true;
        Telemetry telemetry = Telemetry.install(settings("http://127.0.0.1:" + collector.getAddress().getPort(), 64),
                metrics);
        try {
            for (int i = 0; i < 1000; i++) {
                telemetry.phase("watchdog.poll").close(); // would hang here if ending a span waited for the collector
            }
            Await.until(Duration.ofSeconds(10), () -> dropped("queue_full") > 0,
                    () -> "no span was counted as dropped");
            assertThat(dropped("queue_full")).isBetween(1000.0 - 64 * 3, 1000.0);
        } finally {
            release.countDown();
            telemetry.close();
        }
    }

    private static TelemetrySettings settings(String endpoint, int queueSize) {
        return new TelemetrySettings(true, endpoint + "/v1/traces", Map.of("Authorization", "Bearer collector-token"),
                1.0, "watchdog-under-test", queueSize);
    }

    private double dropped(String reason) {
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (snapshot.getMetadata().getName().equals("watchdog_telemetry_dropped_spans")) {
                return ((CounterSnapshot) snapshot).getDataPoints().stream()
                        .filter(point -> reason.equals(point.getLabels().get("reason")))
                        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                        .sum();
            }
        }
        throw new AssertionError("watchdog_telemetry_dropped_spans_total is not registered");
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(java.util.stream.Collectors.toMap(KeyValue::getKey,
                attribute -> text(attribute.getValue())));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            default -> value.getStringValue();
        };
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
