package dev.watchdog.ops.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * One phase of Watchdog's work as a span that is current while it is open: log lines written in
 * it, on this thread or on any of Watchdog's pools it hands work to, carry its trace and span ids
 * and the ids it was given with {@link #logId} (see {@link LogIds}). Close it on the thread that
 * opened it, in a try-with-resources.
 */
public final class Phase implements AutoCloseable {

    private final Span span;
    private final Context parent;
    private LogIds ids;
    private Scope scope;

    private Phase(Span span, Context parent) {
        this.span = span;
        this.parent = parent;
        this.ids = LogIds.in(parent);
        this.scope = parent.with(span).makeCurrent();
    }

    static Phase start(Span span) {
        return new Phase(span, Context.current());
    }

    /**
     * An id that names what this phase handles (an alert's fingerprint, a thread, a proposal): an
     * attribute of the span ({@code watchdog.<key>}) and a field of every log line until the phase ends.
     */
    public Phase logId(String key, Object value) {
        if (value == null) {
            return this;
        }
        String text = String.valueOf(value);
        span.setAttribute("watchdog." + key, text);
        ids = ids.with(key, text);
        scope.close();
        scope = parent.with(span).with(ids).makeCurrent();
        return this;
    }

    public Phase set(String key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
        return this;
    }

    public Phase set(String key, long value) {
        span.setAttribute(key, value);
        return this;
    }

    public Phase set(String key, boolean value) {
        span.setAttribute(key, value);
        return this;
    }

    /** Marks the phase failed, with the exception as an event of the span. */
    public Phase failed(Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        return this;
    }

    /** Marks the phase failed for a reason that is not an exception (Slack said no, a rule did not evaluate). */
    public Phase failed(String reason) {
        span.setStatus(StatusCode.ERROR, reason);
        return this;
    }

    public Span span() {
        return span;
    }

    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
