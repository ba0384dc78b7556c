package dev.watchdog.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fleet of services to scrape: {@value #INSTANCES} instances of each of {@link #SERVICES}, every instance its
 * own Prometheus target ({@code job} = the service, {@code instance} = {@code <service>-<n>:8080}) served from one
 * loopback port at {@code /metrics/<service>/<n>}. Each exposes request counters by route and status, a latency
 * histogram, process gauges and counters, queue gauges and, for batch services, a last-success timestamp: about
 * 3,100 series. Counters grow at rates that drift slowly, so rates are non-zero and move.
 *
 * <p>A few things are wrong, as in any real fleet, so that some rules fire: two services fail 6% of requests, one is
 * slow, one instance holds too many file descriptors, one queue is deep and stalled, one batch job has not succeeded
 * for two hours, one service uses too much memory, and {@value #DOWN_INSTANCE} answers every scrape with 503
 * ({@code up} 0).
 *
 * <p>The CPU time spent rendering scrapes is counted ({@link #servingCpuNanos()}), so a benchmark in the same JVM can
 * take it out of its own process CPU.
 */
final class SyntheticServices implements AutoCloseable {

    static final List<String> SERVICES = List.of("api", "checkout", "payments", "cart", "catalog", "search", "users",
            "auth", "orders", "inventory", "shipping", "notifications", "recommendations", "reviews", "pricing",
            "billing", "gateway", "media", "reports", "ledger");
    static final int INSTANCES = 5;
    static final String DOWN_INSTANCE = "media-4:8080";
    static final List<String> BATCH_SERVICES = List.of("billing", "reports", "ledger");
    static final List<String> QUEUES = List.of("ingest", "email");

    private static final List<String> FAILING = List.of("checkout", "orders");
    private static final String SLOW = "search";
    private static final String MEMORY_HOG = "recommendations";
    private static final String FD_LEAK = "gateway-2:8080";
    private static final String STUCK_QUEUE_SERVICE = "notifications";
    private static final String STALE_BATCH = "ledger";
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
    /** Counters start as if the process had been up three days, as a real one's would. */
    private static final double UPTIME_AT_START = 3 * 24 * 3600;
    private static final double DRIFT_PERIOD = 120;

    private final HttpServer server;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final long startedNanos = System.nanoTime();
    private final AtomicLong servingCpuNanos = new AtomicLong();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    SyntheticServices(long seed) {
        Random random = new Random(seed);
        for (String service : SERVICES) {
            for (int n = 0; n < INSTANCES; n++) {
                instances.put(service + "/" + n, new Instance(service, n, random));
            }
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the synthetic services", e);
        }
        server.createContext("/metrics/", this::serve);
        server.start();
    }

    /** The {@code scrape_configs} entries, one job per service, one target per instance. */
    List<String> scrapeConfigs() {
        String address = "127.0.0.1:" + server.getAddress().getPort();
        return SERVICES.stream().map(service -> {
            StringBuilder job = new StringBuilder("- job_name: ").append(service).append("\n  static_configs:\n");
            for (int n = 0; n < INSTANCES; n++) {
                job.append("    - targets: ['").append(address).append("']\n")
                        .append("      labels: {instance: '").append(instanceName(service, n))
                        .append("', __metrics_path__: '/metrics/").append(service).append('/').append(n).append("'}\n");
            }
            return job.toString();
        }).toList();
    }

    int targets() {
        return instances.size();
    }

    /** CPU time the JVM spent answering scrapes so far. */
    long servingCpuNanos() {
        return servingCpuNanos.get();
    }

    /** The exposition of one instance at {@code seconds} after start: for tests and the series count. */
    String exposition(String service, int n, double seconds) {
        return instances.get(service + "/" + n).exposition(seconds);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static String instanceName(String service, int n) {
        return service + "-" + n + ":8080";
    }

    private void serve(HttpExchange exchange) throws IOException {
        long cpuBefore = threads.getCurrentThreadCpuTime();
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            Instance instance = path.length == 4 ? instances.get(path[2] + "/" + path[3]) : null;
            if (instance == null || instance.name.equals(DOWN_INSTANCE)) {
                exchange.sendResponseHeaders(instance == null ? 404 : 503, -1);
                return;
            }
            byte[] body = instance.exposition((System.nanoTime() - startedNanos) / 1e9).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            servingCpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpuBefore);
        }
    }

    /** One instance: its fixed traits, drawn from the seed, and its metrics as functions of time. */
    private static final class Instance {
        private final String service;
        private final String name;
        private final String[] routes;
        private final double[] routeRates;
        private final double errorRatio;
        private final double meanLatency;
        private final double memoryBytes;
        private final double openFds;
        private final double cpuRate;
        private final double goroutines;
        private final double[] queueDepths = new double[QUEUES.size()];
        private final double[] queueRates = new double[QUEUES.size()];
        private final double batchAge;
        private final double phase;

        Instance(String service, int n, Random random) {
            this.service = service;
            this.name = instanceName(service, n);
            this.routes = new String[] {"/v1/" + service, "/v1/" + service + "/:id", "/v1/" + service + "/search"};
            this.routeRates = new double[] {between(random, 5, 60), between(random, 2, 30), between(random, 0.5, 8)};
            this.errorRatio = FAILING.contains(service) ? 0.06 : between(random, 0.001, 0.008);
            this.meanLatency = service.equals(SLOW) ? 0.7 : between(random, 0.02, 0.09);
            this.memoryBytes = (service.equals(MEMORY_HOG) ? 3800 : between(random, 150, 900)) * 1024 * 1024;
            this.openFds = name.equals(FD_LEAK) ? 990 : between(random, 40, 300);
            this.cpuRate = between(random, 0.05, 0.6);
            this.goroutines = between(random, 40, 400);
            for (int q = 0; q < QUEUES.size(); q++) {
                boolean stuck = service.equals(STUCK_QUEUE_SERVICE) && q == 1;
                queueDepths[q] = stuck ? 480 : between(random, 0, 30);
                queueRates[q] = stuck ? 0 : between(random, 1, 20);
            }
            this.batchAge = service.equals(STALE_BATCH) ? 7200 : between(random, 60, 1500);
            this.phase = between(random, 0, 2 * Math.PI);
        }

        String exposition(double seconds) {
            StringBuilder text = new StringBuilder(8192);
            double totalRate = 0;
            header(text, "http_requests_total", "counter", "HTTP requests by route and status.");
            for (int r = 0; r < routes.length; r++) {
                totalRate += routeRates[r];
                double ok = 1 - errorRatio - 0.02;
                requests(text, routes[r], "200", counter(routeRates[r] * ok, seconds));
                requests(text, routes[r], "404", counter(routeRates[r] * 0.02, seconds));
                requests(text, routes[r], "500", counter(routeRates[r] * errorRatio, seconds));
            }
            long count = counter(totalRate, seconds);
            header(text, "http_request_duration_seconds", "histogram", "HTTP request latency.");
            for (double le : BUCKETS) {
                long below = (long) Math.floor(count * (1 - Math.exp(-le / meanLatency)));
                text.append("http_request_duration_seconds_bucket{le=\"").append(le).append("\"} ").append(below)
                        .append('\n');
            }
            text.append("http_request_duration_seconds_bucket{le=\"+Inf\"} ").append(count).append('\n')
                    .append("http_request_duration_seconds_sum ").append(number(count * meanLatency)).append('\n')
                    .append("http_request_duration_seconds_count ").append(count).append('\n');
            gauge(text, "process_resident_memory_bytes", "Resident memory size in bytes.",
                    Math.floor(memoryBytes * (1 + 0.05 * drift(seconds))));
            header(text, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
            text.append("process_cpu_seconds_total ").append(number(counter(cpuRate * 100, seconds) / 100.0))
                    .append('\n');
            gauge(text, "process_open_fds", "Number of open file descriptors.", Math.floor(openFds));
            gauge(text, "process_max_fds", "Maximum number of open file descriptors.", 1024);
            gauge(text, "go_goroutines", "Number of goroutines that currently exist.",
                    Math.floor(goroutines * (1 + 0.2 * drift(seconds))));
            header(text, "queue_depth", "gauge", "Messages waiting in the queue.");
            for (int q = 0; q < QUEUES.size(); q++) {
                text.append("queue_depth{queue=\"").append(QUEUES.get(q)).append("\"} ")
                        .append(number(Math.max(0, Math.floor(queueDepths[q] * (1 + 0.3 * drift(seconds))))))
                        .append('\n');
            }
            header(text, "jobs_processed_total", "counter", "Messages taken off the queue.");
            for (int q = 0; q < QUEUES.size(); q++) {
                text.append("jobs_processed_total{queue=\"").append(QUEUES.get(q)).append("\"} ")
                        .append(counter(queueRates[q], seconds)).append('\n');
            }
            if (BATCH_SERVICES.contains(service)) {
                double now = System.currentTimeMillis() / 1000.0;
                gauge(text, "batch_last_success_timestamp_seconds", "When the batch job last succeeded.",
                        Math.floor(now - batchAge));
            }
            return text.toString();
        }

        /** A slow wave in [-1, 1], different per instance. */
        private double drift(double seconds) {
            return Math.sin(2 * Math.PI * seconds / DRIFT_PERIOD + phase);
        }

        /**
         * A counter whose rate is {@code rate * (1 + 0.2 * drift)}: its integral since the (pretended) process start,
         * so it only grows, floored to whole events.
         */
        private long counter(double rate, double seconds) {
            double wave = 0.2 * DRIFT_PERIOD / (2 * Math.PI)
                    * (Math.cos(phase) - Math.cos(2 * Math.PI * seconds / DRIFT_PERIOD + phase));
            return (long) Math.floor(rate * (UPTIME_AT_START + seconds + wave));
        }

        private static void requests(StringBuilder text, String route, String status, long value) {
            text.append("http_requests_total{method=\"GET\",route=\"").append(route).append("\",status=\"")
                    .append(status).append("\"} ").append(value).append('\n');
        }

        private static void gauge(StringBuilder text, String name, String help, double value) {
            header(text, name, "gauge", help);
            text.append(name).append(' ').append(number(value)).append('\n');
        }

        private static void header(StringBuilder text, String name, String type, String help) {
            text.append("# HELP ").append(name).append(' ').append(help).append('\n')
                    .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }

        private static String number(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15
                    ? Long.toString((long) value) : String.format(Locale.ROOT, "%.6f", value);
        }

        private static double between(Random random, double low, double high) {
            return low + random.nextDouble() * (high - low);
        }
    }
}
