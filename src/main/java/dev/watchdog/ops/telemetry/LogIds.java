package dev.watchdog.ops.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of what is being handled (alert fingerprint and occurrence, Slack channel and thread,
 * proposal), kept in the OpenTelemetry {@link Context} beside the span. The context follows work
 * from thread to thread (Watchdog's pools wrap their tasks), and {@link MdcContextStorage} copies
 * these ids and the trace and span ids into the logging MDC wherever the context is current: one
 * {@code grep} follows an alert from its poll to its thread.
 */
public final class LogIds implements ImplicitContextKeyed {

    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    private static final ContextKey<LogIds> KEY = ContextKey.named("watchdog-log-ids");
    private static final LogIds NONE = new LogIds(Map.of());

    private final Map<String, String> ids;

    private LogIds(Map<String, String> ids) {
        this.ids = ids;
    }

    static LogIds in(Context context) {
        LogIds found = context.get(KEY);
        return found == null ? NONE : found;
    }

    LogIds with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(ids);
        more.put(key, value);
        return new LogIds(Map.copyOf(more));
    }

    Map<String, String> asMap() {
        return ids;
    }

    @Override
    public Context storeInContext(Context context) {
        return context.with(KEY, this);
    }
}
