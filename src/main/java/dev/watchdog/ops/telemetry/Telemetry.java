package dev.watchdog.ops.telemetry;

import dev.watchdog.ops.WatchdogMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watchdog watching itself: the tracer of its phases and its metrics, in one place the
 * instrumentation points reach without being handed anything (an OkHttp interceptor, a model
 * listener, Bolt middleware), as OpenTelemetry's own global does. {@link dev.watchdog.boot.Core}
 * installs the process's one on start and takes it back on close; until then, and in unit tests
 * that install none, it is {@link #off()}: spans cost nothing and metrics go to a registry nobody reads.
 */
public final class Telemetry implements AutoCloseable {

    private static final String SCOPE = "dev.watchdog";
    private static final Telemetry OFF =
            new Telemetry(OpenTelemetry.noop(), new WatchdogMetrics(new PrometheusRegistry()), () -> { });
    private static final AtomicReference<Telemetry> CURRENT = new AtomicReference<>(OFF);

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final WatchdogMetrics metrics;
    private final AutoCloseable exporting;

    Telemetry(OpenTelemetry openTelemetry, WatchdogMetrics metrics, AutoCloseable exporting) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.metrics = metrics;
        this.exporting = exporting;
    }

    /** No traces; metrics to a registry of their own. */
    public static Telemetry off() {
        return OFF;
    }

    /** The process's telemetry: the one installed last and not yet closed, else {@link #off()}. */
    public static Telemetry get() {
        return CURRENT.get();
    }

    /**
     * Starts exporting spans as {@code settings} say (nothing when tracing is off) and makes this the
     * process's telemetry. Closing it flushes what is queued, within a bound, and uninstalls it.
     */
    public static Telemetry install(TelemetrySettings settings, WatchdogMetrics metrics) {
        Telemetry telemetry = settings.enabled() ? OtlpTracing.start(settings, metrics)
                : new Telemetry(OpenTelemetry.noop(), metrics, () -> { });
        return install(telemetry);
    }

    /** Makes {@code telemetry} the process's (tests install one over an in-memory exporter). */
    public static Telemetry install(Telemetry telemetry) {
        CURRENT.set(Objects.requireNonNull(telemetry));
        return telemetry;
    }

    /** A wrapper of an SDK someone else built, e.g. a test's over an in-memory exporter. */
    public static Telemetry of(OpenTelemetry openTelemetry, WatchdogMetrics metrics) {
        return new Telemetry(openTelemetry, metrics, () -> { });
    }

    public WatchdogMetrics metrics() {
        return metrics;
    }

    /** W3C trace context ({@code traceparent}, {@code tracestate}) for outgoing calls. */
    public TextMapPropagator propagator() {
        return openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Starts an internal span, a child of the current one, and makes it current (close it to end it). */
    public Phase phase(String name) {
        return phase(name, SpanKind.INTERNAL);
    }

    public Phase phase(String name, SpanKind kind) {
        return Phase.start(tracer.spanBuilder(name).setSpanKind(kind).startSpan());
    }

    /**
     * A span, a child of the current one, that is not made current: for phases that begin and end
     * in callbacks (a model call's request and response), where no scope can be held open.
     */
    public io.opentelemetry.api.trace.Span phaseSpan(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind).startSpan();
    }

    /** A span that began earlier than now, e.g. when a request arrived rather than when a thread took it. */
    public Phase phase(String name, SpanKind kind, java.time.Instant startedAt) {
        return Phase.start(tracer.spanBuilder(name).setSpanKind(kind).setStartTimestamp(startedAt).startSpan());
    }

    @Override
    public void close() throws Exception {
        CURRENT.compareAndSet(this, OFF);
        exporting.close();
    }
}
