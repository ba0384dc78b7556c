package dev.watchdog.http;

import dev.watchdog.ops.telemetry.HttpTracing;
import java.time.Duration;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one OkHttpClient of the process. Every peer (Prometheus, logs, deployments, webhooks)
 * derives its client from it with {@link OkHttpClient#newBuilder()} so that connection pool
 * and dispatcher threads are shared, and only timeouts differ.
 */
public final class SharedHttpClient {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(CONNECT_TIMEOUT)
            .readTimeout(READ_TIMEOUT)
            .writeTimeout(READ_TIMEOUT)
            .callTimeout(CALL_TIMEOUT)
            .connectionPool(new ConnectionPool(10, 5, java.util.concurrent.TimeUnit.MINUTES))
            .retryOnConnectionFailure(true)
            // A span per call, and the trace context sent along to peers that trace too.
            .addInterceptor(HttpTracing.peers())
            .build();

    private SharedHttpClient() {
    }

    public static OkHttpClient get() {
        return SHARED;
    }

    /**
     * A read-only peer's client (Prometheus, a log store, a deployment API), derived from
     * {@code base}: {@code timeout} for the whole call, and redirects reported rather than followed,
     * since one could send credentials elsewhere or turn a read into a call of another endpoint.
     */
    public static OkHttpClient forPeer(OkHttpClient base, Duration timeout) {
        return base.newBuilder()
                .callTimeout(timeout)
                .readTimeout(timeout)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /** A client sharing the pool and dispatcher, with its own overall deadline per call. */
    public static OkHttpClient withCallTimeout(Duration callTimeout) {
        return SHARED.newBuilder()
                .callTimeout(callTimeout)
                .readTimeout(callTimeout)
                .build();
    }
}
