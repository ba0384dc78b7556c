package dev.watchdog.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small HTTP server for operators and their tools: {@code GET /healthz}, {@code GET /readyz},
 * {@code GET /metrics}, plus routes other features add (the Alertmanager webhook receiver).
 *
 * <p>Paths match exactly (the JDK server itself matches prefixes, so "/healthz" would also answer
 * "/healthzz"); unknown paths get 404, a known path with another method 405 with an Allow header
 * (the built-in routes are GET only; HEAD is not special-cased).
 * It listens on loopback by default: metrics and the webhook are for the local network only, and
 * a container sets the host to 0.0.0.0 explicitly.
 */
public final class OpsServer implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;

    /** Scrapes and probes are tiny; two threads keep a slow scrape from blocking a health check. */
    public static final int THREADS = 2;

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final String ANY_METHOD = "*";

    private final HttpServer server;
    private final Map<String, Map<String, HttpHandler>> routes = new ConcurrentHashMap<>();

    private OpsServer(HttpServer server) {
        this.server = server;
    }

    /** Binds {@code host:port} (port 0 picks a free one, see {@link #port()}) and starts serving. */
    /** Listens on {@code host:port}; exchanges run on {@code executor}, which the caller owns and stops. */
    public static OpsServer start(String host, int port, Readiness readiness, PrometheusRegistry registry,
            ExecutorService executor) throws IOException {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("ops server host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ops server port must be between 0 and 65535, got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new IOException("ops server cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(executor);
        OpsServer ops = new OpsServer(server);
        server.createContext("/", ops::dispatch);
        ops.route("GET", "/healthz", exchange -> respondText(exchange, 200, "ok"));
        ops.route("GET", "/readyz", exchange -> answerReadiness(exchange, readiness));
        // The client library's handler: the format the scraper asks for (OpenMetrics, text, protobuf), gzip, name[].
        ops.route("GET", "/metrics", new MetricsHandler(registry));
        server.start();
        log.info("ops server listening on http://{}:{} (/healthz /readyz /metrics)", host, ops.port());
        return ops;
    }

    /** The port actually bound, which differs from the configured one when that was 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code path} with a handler that answers every method itself. */
    public void route(String path, HttpHandler handler) {
        route(ANY_METHOD, path, handler);
    }

    /** Serves {@code method path}; other methods on the same path get 405 unless routed too. */
    public void route(String method, String path, HttpHandler handler) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/', got " + path);
        }
        Map<String, HttpHandler> byMethod = routes.computeIfAbsent(path, p -> new ConcurrentHashMap<>());
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
        // stop(0): on JDK 17 any positive delay is waited out in full, even with no exchange open.
        server.stop(0);
    }

    /** Sends a complete plain-text answer; for handlers added with {@link #route}. */
    public static void respondText(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void dispatch(HttpExchange exchange) {
        try {
            handlerFor(exchange).handle(exchange);
        } catch (Exception e) {
            log.error("ops request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            // -1 means no answer was started yet; otherwise the client sees the connection close.
            if (exchange.getResponseCode() == -1) {
                try {
                    respondText(exchange, 500, "internal error");
                } catch (IOException ignored) {
                    // The client is gone; nothing more to tell it.
                }
            }
        } finally {
            exchange.close();
        }
    }

    private HttpHandler handlerFor(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        Map<String, HttpHandler> byMethod = routes.get(path);
        if (byMethod == null || byMethod.isEmpty()) {
            return e -> respondText(e, 404, "not found: " + path);
        }
        HttpHandler handler = byMethod.getOrDefault(ANY_METHOD, byMethod.get(exchange.getRequestMethod()));
        if (handler == null) {
            String allowed = String.join(", ", new TreeMap<>(byMethod).keySet());
            return e -> {
                e.getResponseHeaders().set("Allow", allowed);
                respondText(e, 405, "method not allowed: use " + allowed);
            };
        }
        return handler;
    }

    private static void answerReadiness(HttpExchange exchange, Readiness readiness) throws IOException {
        List<String> waiting = readiness.notReady();
        if (waiting.isEmpty()) {
            respondText(exchange, 200, "ready");
        } else {
            respondText(exchange, 503, "not ready: " + String.join(", ", waiting));
        }
    }

}
