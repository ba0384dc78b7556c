package dev.watchdog.ops;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The small HTTP server for operators and their tools: {@code GET /healthz}, {@code GET /readyz},
 * {@code GET /metrics}, plus routes other features add (the Alertmanager webhook receiver).
 *
 * <p>Every connection is bounded, so that clients that are slow on purpose or by accident cannot
 * stop a liveness probe or an alert: requests are read without blocking (a slow one holds a
 * connection, never a thread), the request line and headers must arrive within a few seconds and a
 * body soon after (see {@link Limits}), a body over its route's limit is answered 413 before it is
 * read whole, a route can refuse on the headers alone (the webhook's token) before any body is read,
 * and the number of open connections is capped.
 * Handlers run on the given executor only once their request is complete, and answer without
 * blocking.
 *
 * <p>Paths match exactly; unknown paths get 404, a known path with another method 405 with an Allow
 * header (the built-in routes are GET only). It listens on loopback by default: metrics and the
 * webhook are for the local network only, and a container sets the host to 0.0.0.0 explicitly.
 */
public final class OpsServer implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;

    /** Threads that run handlers on complete requests; reading requests takes none. */
    public static final int THREADS = 2;

    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /**
     * How long a client may take and how many may be connected at once.
     *
     * @param headerTimeout  from the first byte of a request to the end of its headers
     * @param bodyTimeout    from the end of the headers to the end of the body
     * @param idleTimeout    a kept-alive connection with no request, or no bytes at all
     * @param maxConnections open at once; more wait to be accepted until one closes
     */
    record Limits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {

        /** Far above what a probe, a scrape or Alertmanager needs; far below what lets slow clients pile up. */
        static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
                64);
    }

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final String ANY_METHOD = "*";

    private final Map<String, Map<String, OpsHandler>> routes = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final Duration bodyTimeout;
    private Undertow server;

    private OpsServer(ExecutorService executor, Duration bodyTimeout) {
        this.executor = executor;
        this.bodyTimeout = bodyTimeout;
    }

    /** Listens on {@code host:port} (port 0 picks a free one, see {@link #port()}); handlers run on {@code executor}, which the caller owns and stops. */
    public static OpsServer start(String host, int port, Readiness readiness, PrometheusRegistry registry,
            ExecutorService executor) throws IOException {
        return start(host, port, readiness, registry, executor, Limits.DEFAULT);
    }

    static OpsServer start(String host, int port, Readiness readiness, PrometheusRegistry registry,
            ExecutorService executor, Limits limits) throws IOException {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("ops server host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ops server port must be between 0 and 65535, got " + port);
        }
        OpsServer ops = new OpsServer(executor, limits.bodyTimeout());
        ops.route("GET", "/healthz", exchange -> exchange.respondText(200, "ok"));
        ops.route("GET", "/readyz", exchange -> answerReadiness(exchange, readiness));
        ops.route("GET", "/metrics", new MetricsRoute(registry));
        ops.server = Undertow.builder()
                .addHttpListener(port, host)
                .setIoThreads(1)
                .setWorkerThreads(1) // Undertow's own pool stays idle: handlers run on the executor
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.headerTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, (int) limits.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) DEFAULT_MAX_BODY_BYTES)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
                .setSocketOption(Options.CONNECTION_HIGH_WATER, limits.maxConnections())
                .setSocketOption(Options.CONNECTION_LOW_WATER, limits.maxConnections())
                .setHandler(ops::dispatch)
                .build();
        try {
            ops.server.start();
        } catch (RuntimeException failure) {
            ops.server.stop();
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            throw new IOException("ops server cannot listen on " + host + ":" + port + ": " + cause.getMessage(),
                    failure);
        }
        log.info("ops server listening on http://{}:{} (/healthz /readyz /metrics)", host, ops.port());
        return ops;
    }

    /** The port actually bound, which differs from the configured one when that was 0. */
    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Serves {@code path} with a handler that answers every method itself. */
    public void route(String path, OpsHandler handler) {
        route(ANY_METHOD, path, handler);
    }

    /** Serves {@code method path}; other methods on the same path get 405 unless routed too. */
    public void route(String method, String path, OpsHandler handler) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/', got " + path);
        }
        Map<String, OpsHandler> byMethod = routes.computeIfAbsent(path, p -> new ConcurrentHashMap<>());
        synchronized (byMethod) {
            boolean clash = byMethod.containsKey(method) || byMethod.containsKey(ANY_METHOD)
                    || (method.equals(ANY_METHOD) && !byMethod.isEmpty());
            if (clash) {
                throw new IllegalArgumentException("route " + method + " " + path + " is already registered");
            }
            byMethod.put(method, handler);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }

    /** Sends a complete plain-text answer; for handlers added with {@link #route}. */
    public static void respondText(OpsExchange exchange, int status, String body) {
        exchange.respondText(status, body);
    }

    /** On the I/O thread: route, let the route refuse on the headers, read the body, then hand over. */
    private void dispatch(HttpServerExchange http) {
        OpsExchange exchange = new OpsExchange(http);
        String path = http.getRequestPath();
        Map<String, OpsHandler> byMethod = routes.get(path);
        if (byMethod == null || byMethod.isEmpty()) {
            exchange.respondText(404, "not found: " + path);
            return;
        }
        OpsHandler handler = byMethod.getOrDefault(ANY_METHOD, byMethod.get(exchange.method()));
        if (handler == null) {
            String allowed = String.join(", ", new TreeMap<>(byMethod).keySet());
            exchange.responseHeader("Allow", allowed);
            exchange.respondText(405, "method not allowed: use " + allowed);
            return;
        }
        try {
            if (handler.admit(exchange)) {
                RequestBodies.read(http, handler.maxBodyBytes(), bodyTimeout,
                        body -> http.dispatch(executor, () -> run(handler, exchange.withBody(body))));
            }
        } catch (RuntimeException failure) {
            fail(exchange, failure);
        }
    }

    private static void run(OpsHandler handler, OpsExchange exchange) {
        try {
            handler.handle(exchange);
        } catch (Exception failure) {
            fail(exchange, failure);
        }
    }

    private static void fail(OpsExchange exchange, Exception failure) {
        log.error("ops request {} {} failed", exchange.method(), exchange.path(), failure);
        if (!exchange.answered()) {
            exchange.respondText(500, "internal error");
        }
    }

    private static void answerReadiness(OpsExchange exchange, Readiness readiness) {
        List<String> waiting = readiness.notReady();
        if (waiting.isEmpty()) {
            exchange.respondText(200, "ready");
        } else {
            exchange.respondText(503, "not ready: " + String.join(", ", waiting));
        }
    }

    static boolean hasBody(HttpServerExchange http) {
        return http.getRequestContentLength() > 0 || http.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }
}
