package dev.watchdog.testing;

import dev.watchdog.ops.WatchdogMetrics;
import dev.watchdog.ops.telemetry.Telemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Installs a {@link Telemetry} whose spans end up in memory, for one test at a time
 * ({@code @RegisterExtension final RecordedSpans spans = new RecordedSpans();}).
 */
public final class RecordedSpans implements BeforeEachCallback, AfterEachCallback {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final WatchdogMetrics metrics = new WatchdogMetrics(registry);
    private OpenTelemetrySdk sdk;
    private Telemetry telemetry;

    @Override
    public void beforeEach(ExtensionContext context) {
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        telemetry = Telemetry.install(Telemetry.of(sdk, metrics));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        telemetry.close();
        sdk.close();
    }

    /** Every span ended so far, in the order they ended. */
    public List<SpanData> all() {
        return exporter.getFinishedSpanItems();
    }

    /** The one ended span of that name. */
    public SpanData named(String name) {
        List<SpanData> found = all().stream().filter(span -> span.getName().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one span named " + name + ", got " + found.size() + " of "
                    + all().stream().map(SpanData::getName).toList());
        }
        return found.get(0);
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The metrics as Prometheus would scrape them. */
    public String metricsText() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
