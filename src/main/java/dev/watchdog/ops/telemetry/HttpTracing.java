package dev.watchdog.ops.telemetry;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Outgoing HTTP calls as client spans ({@code http.request.method}, {@code server.address},
 * {@code url.path}, {@code http.response.status_code}; never the query, which may hold a secret).
 * Calls to peers carry the W3C trace context ({@code traceparent}), so a Prometheus, Loki or webhook
 * target that traces joins Watchdog's trace; calls to Slack do not (Slack ignores it).
 */
public final class HttpTracing implements Interceptor {

    private static final TextMapSetter<Request.Builder> HEADERS = (request, key, value) -> {
        if (request != null) {
            request.header(key, value);
        }
    };

    private final boolean propagate;

    private HttpTracing(boolean propagate) {
        this.propagate = propagate;
    }

    /** For peers: spans, and the trace context sent along. */
    public static Interceptor peers() {
        return new HttpTracing(true);
    }

    /** For Slack's Web API: spans only. */
    static Interceptor withoutPropagation() {
        return new HttpTracing(false);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl url = request.url();
        Telemetry telemetry = Telemetry.get();
        try (Phase call = telemetry.phase(request.method() + " " + url.host(), SpanKind.CLIENT)) {
            call.set("http.request.method", request.method())
                    .set("server.address", url.host())
                    .set("server.port", url.port())
                    .set("url.path", url.encodedPath());
            Request.Builder sent = request.newBuilder();
            if (propagate) {
                telemetry.propagator().inject(Context.current(), sent, HEADERS);
            }
            try {
                Response response = chain.proceed(sent.build());
                call.set("http.response.status_code", response.code());
                if (response.code() >= 400) {
                    call.failed("HTTP " + response.code());
                }
                return response;
            } catch (IOException | RuntimeException failure) {
                call.failed(failure);
                throw failure;
            }
        }
    }
}
