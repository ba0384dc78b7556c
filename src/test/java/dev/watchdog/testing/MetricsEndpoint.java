package dev.watchdog.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A scrape target the test controls: serves the gauges it was given at {@code /metrics} in the
 * Prometheus text exposition format, on a free loopback port, and counts the scrapes so that a
 * test can wait for Prometheus to see a change instead of sleeping.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** Metric name -> rendered labels -> value; grouped because one name's series must be adjacent. */
    private final SortedMap<String, SortedMap<String, Double>> gauges = new TreeMap<>(); // guarded by itself
    private final Object scrapes = new Object();
    private int scrapeCount; // guarded by scrapes
    private int scrapesToFail; // guarded by scrapes
    private final HttpServer server;

    public MetricsEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the metrics endpoint", e);
        }
        server.createContext("/metrics", this::serve);
        server.start();
    }

    /** Sets the gauge {@code name{labels}} to {@code value}; the next scrape sees it. */
    public void set(String name, Map<String, String> labels, double value) {
        String renderedLabels = renderLabels(name, labels);
        synchronized (gauges) {
            gauges.computeIfAbsent(name, n -> new TreeMap<>()).put(renderedLabels, value);
        }
    }

    /** Stops exposing the series, so Prometheus marks it stale at the next scrape. */
    public void remove(String name, Map<String, String> labels) {
        String renderedLabels = renderLabels(name, labels);
        synchronized (gauges) {
            SortedMap<String, Double> series = gauges.get(name);
            if (series != null && series.remove(renderedLabels) != null && series.isEmpty()) {
                gauges.remove(name);
            }
        }
    }

    /**
     * The next {@code count} scrapes are answered with 503, as a target that is down for a moment: Prometheus
     * marks every series of the target stale and sets {@code up} to 0 until a scrape works again.
     */
    public void failScrapes(int count) {
        synchronized (scrapes) {
            scrapesToFail = count;
        }
    }

    /** How many scrapes have started so far. */
    public int scrapeCount() {
        synchronized (scrapes) {
            return scrapeCount;
        }
    }

    /** Waits until at least {@code count} scrapes have started; false if {@code timeout} passes first. */
    public boolean awaitScrapeCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (scrapes) {
            while (scrapeCount < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                scrapes.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** {@code host:port} as a Prometheus static target. */
    public String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String url() {
        return "http://" + target() + "/metrics";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        synchronized (scrapes) {
            scrapeCount++;
            scrapes.notifyAll();
            if (scrapesToFail > 0) {
                scrapesToFail--;
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
        }
        byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String exposition() {
        StringBuilder text = new StringBuilder();
        synchronized (gauges) {
            gauges.forEach((name, series) -> {
                text.append("# TYPE ").append(name).append(" gauge\n");
                series.forEach((labels, value) ->
                        text.append(name).append(labels).append(' ').append(format(value)).append('\n'));
            });
        }
        return text.toString();
    }

    /** Labels as they appear in the exposition, e.g. <code>{queue="a \"b\""}</code>, or nothing. */
    private static String renderLabels(String name, Map<String, String> labels) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder line = new StringBuilder("{");
        new TreeMap<>(labels).forEach((label, value) -> {
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException("not a label name a target may expose: " + label);
            }
            line.append(label).append("=\"").append(escape(value)).append("\",");
        });
        line.setLength(line.length() - 1);
        return line.append('}').toString();
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }
}
