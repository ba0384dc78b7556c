package dev.watchdog.ops.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spans that never reached the collector: those the batch processor dropped because its queue was
 * full (read from the processor's own {@code processedSpans} counter, {@code dropped=true}), and
 * those in batches the collector did not take (a refused or timed-out export).
 */
final class DroppedSpans implements MetricReader {

    static final String PROCESSED_SPANS = "processedSpans";
    private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

    private final AtomicLong exportFailed = new AtomicLong();
    /** The highest count read: after shutdown the processor's counter is gone, and a counter never goes down. */
    private final AtomicLong queueFull = new AtomicLong();
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    /** The exporter, counting the spans of every batch it failed to send. */
    SpanExporter counting(SpanExporter exporter) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                CompletableResultCode result = exporter.export(spans);
                int size = spans.size();
                result.whenComplete(() -> {
                    if (!result.isSuccess()) {
                        exportFailed.addAndGet(size);
                    }
                });
                return result;
            }

            @Override
            public CompletableResultCode flush() {
                return exporter.flush();
            }

            @Override
            public CompletableResultCode shutdown() {
                return exporter.shutdown();
            }
        };
    }

    long queueFull() {
        long dropped = 0;
        for (MetricData metric : registration.collectAllMetrics()) {
            if (PROCESSED_SPANS.equals(metric.getName())) {
                for (LongPointData point : metric.getLongSumData().getPoints()) {
                    if (Boolean.TRUE.equals(point.getAttributes().get(DROPPED))) {
                        dropped += point.getValue();
                    }
                }
            }
        }
        long counted = dropped;
        return queueFull.accumulateAndGet(counted, Math::max);
    }

    long exportFailed() {
        return exportFailed.get();
    }

    @Override
    public void register(CollectionRegistration registration) {
        this.registration = registration;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        registration = CollectionRegistration.noop();
        return CompletableResultCode.ofSuccess();
    }
}
