package dev.watchdog.ops.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.MDC;

/**
 * OpenTelemetry's thread-local context storage that also writes the current trace and span ids
 * and {@link LogIds} into the logging MDC while a context is current, and puts back what was
 * there when its scope closes. Loaded by OpenTelemetry through {@link Provider} (a service file),
 * so it sees every context made current, Watchdog's own and the SDK's.
 */
final class MdcContextStorage implements ContextStorage {

    private final ContextStorage delegate;

    MdcContextStorage(ContextStorage delegate) {
        this.delegate = delegate;
    }

    @Override
    public Scope attach(Context toAttach) {
        Map<String, String> fields = fields(toAttach);
        Set<String> keys = new LinkedHashSet<>(fields.keySet());
        keys.add(LogIds.TRACE_ID);
        keys.add(LogIds.SPAN_ID);
        keys.addAll(LogIds.in(delegate.current() == null ? Context.root() : delegate.current()).asMap().keySet());
        Map<String, String> before = new HashMap<>();
        for (String key : keys) {
            before.put(key, MDC.get(key));
            put(key, fields.get(key));
        }
        Scope inner = delegate.attach(toAttach);
        return () -> {
            inner.close();
            before.forEach(MdcContextStorage::put);
        };
    }

    @Override
    public Context current() {
        return delegate.current();
    }

    @Override
    public Context root() {
        return delegate.root();
    }

    private static Map<String, String> fields(Context context) {
        Map<String, String> fields = new HashMap<>(LogIds.in(context).asMap());
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (span.isValid()) {
            fields.put(LogIds.TRACE_ID, span.getTraceId());
            fields.put(LogIds.SPAN_ID, span.getSpanId());
        }
        return fields;
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Named in {@code META-INF/services/io.opentelemetry.context.ContextStorageProvider}. */
    public static final class Provider implements ContextStorageProvider {
        @Override
        public ContextStorage get() {
            return new MdcContextStorage(ContextStorage.defaultStorage());
        }
    }
}
