package dev.watchdog.ops.telemetry;

import dev.watchdog.ops.BuildVersion;
import dev.watchdog.ops.WatchdogMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK exporting Watchdog's spans over OTLP/HTTP (protobuf). Spans wait in a
 * bounded queue and are sent in batches by the SDK's own thread: a slow or absent collector costs
 * spans (counted in {@code watchdog_telemetry_dropped_spans_total}), never a delay of alerting.
 */
final class OtlpTracing {

    private static final Logger log = LoggerFactory.getLogger(OtlpTracing.class);
    /** One export attempt at most; the queue keeps filling (and overflowing) meanwhile, nothing waits. */
    static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SCHEDULE_DELAY = Duration.ofSeconds(2);
    /** How long shutdown may spend sending what is still queued. */
    static final Duration FLUSH_ON_CLOSE = Duration.ofSeconds(5);

    private OtlpTracing() {
    }

    static Telemetry start(TelemetrySettings settings, WatchdogMetrics metrics) {
        return start(settings, metrics, otlpExporter(settings));
    }

    /** With another exporter (tests); everything else as in production. */
    static Telemetry start(TelemetrySettings settings, WatchdogMetrics metrics, SpanExporter exporter) {
        DroppedSpans dropped = new DroppedSpans();
        SdkMeterProvider internalMeters = SdkMeterProvider.builder().registerMetricReader(dropped).build();
        metrics.countDroppedSpans(dropped::queueFull, dropped::exportFailed);
        BatchSpanProcessor batches = BatchSpanProcessor.builder(dropped.counting(exporter))
                .setMaxQueueSize(settings.queueSize())
                .setMaxExportBatchSize(Math.min(512, settings.queueSize()))
                .setScheduleDelay(SCHEDULE_DELAY)
                .setExporterTimeout(EXPORT_TIMEOUT)
                .setMeterProvider(internalMeters)
                .setInternalTelemetryVersion(InternalTelemetryVersion.LEGACY)
                .build();
        BuildVersion build = BuildVersion.current();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), settings.serviceName(),
                AttributeKey.stringKey("service.version"), build.version())));
        SdkTracerProvider tracing = SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.samplingRatio())))
                .addSpanProcessor(batches)
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(tracing)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        log.info("tracing on: spans go to {} as service {} (sampling ratio {}, queue {})", settings.tracesEndpoint(),
                settings.serviceName(), settings.samplingRatio(), settings.queueSize());
        return new Telemetry(sdk, metrics, () -> {
            tracing.shutdown().join(FLUSH_ON_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
            internalMeters.shutdown().join(1, TimeUnit.SECONDS);
        });
    }

    private static SpanExporter otlpExporter(TelemetrySettings settings) {
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.tracesEndpoint())
                .setTimeout(EXPORT_TIMEOUT)
                .setConnectTimeout(Duration.ofSeconds(5))
                // No retries: a batch the collector did not take is counted as dropped, and the queue moves on.
                .setRetryPolicy(null)
                // The SDK's own meters would go to the global MeterProvider, a no-op: drops are counted above.
                .setMeterProvider(io.opentelemetry.api.metrics.MeterProvider::noop);
        settings.headers().forEach(exporter::addHeader);
        return exporter.build();
    }
}
