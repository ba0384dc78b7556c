package dev.watchdog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The real {@code prometheus} binary (Debian package {@code prometheus}) on a free loopback port,
 * with its storage, config and log in a temp dir, optionally scraping a {@link MetricsEndpoint}
 * and evaluating alerting rules. Tests fail, never skip, when the binary is missing: the
 * integration tests are what proves Watchdog works against the real thing.
 *
 * <pre>{@code
 * try (MetricsEndpoint metrics = new MetricsEndpoint();
 *      RealPrometheus prometheus = RealPrometheus.builder().scrape(metrics).start()) {
 *     metrics.set("queue_depth", Map.of(), 7);
 *     prometheus.awaitScrapes(1);
 *     // query prometheus.url()
 * }
 * }</pre>
 */
public final class RealPrometheus implements AutoCloseable {

    public static final String JOB = "watchdog-test";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Builder settings;
    private final Path dir;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread killOnJvmExit;
    private Process process;
    private int port;

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private MetricsEndpoint target;
        private final Map<String, String> jobs = new java.util.LinkedHashMap<>();
        private Duration scrapeInterval = Duration.ofSeconds(1);
        private Duration evaluationInterval = Duration.ofSeconds(1);
        private final List<String> ruleFiles = new ArrayList<>();
        private final List<String> backfills = new ArrayList<>();
        private final List<String> scrapeConfigs = new ArrayList<>();

        private Builder() {
        }

        /**
         * Recorded history to load before start, in OpenMetrics text (samples with timestamps in seconds,
         * ending in {@code # EOF}), written into blocks with {@code promtool tsdb create-blocks-from openmetrics}.
         */
        public Builder backfill(String openMetrics) {
            backfills.add(openMetrics);
            return this;
        }

        /** Scrape this endpoint as job {@value RealPrometheus#JOB}. */
        public Builder scrape(MetricsEndpoint target) {
            this.target = target;
            return this;
        }

        /** Scrape {@code hostPort}'s {@code /metrics} as job {@code job}, e.g. a running Watchdog's ops server. */
        public Builder scrapeJob(String job, String hostPort) {
            jobs.put(job, hostPort);
            return this;
        }

        /**
         * One entry of {@code scrape_configs}, verbatim: YAML starting {@code - job_name: ...} at no indent, e.g. a job
         * of many targets with their own labels and {@code __metrics_path__}. It is indented into place.
         */
        public Builder scrapeConfig(String jobYaml) {
            scrapeConfigs.add(jobYaml);
            return this;
        }

        public Builder scrapeInterval(Duration interval) {
            this.scrapeInterval = interval;
            return this;
        }

        public Builder evaluationInterval(Duration interval) {
            this.evaluationInterval = interval;
            return this;
        }

        /** A Prometheus rule file ({@code groups: [...]}) to load, given as its YAML text. */
        public Builder rules(String ruleFileYaml) {
            ruleFiles.add(ruleFileYaml);
            return this;
        }

        /** A Prometheus rule file to load, e.g. a fixture under src/test/resources. */
        public Builder ruleFile(Path path) {
            try {
                return rules(Files.readString(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rule file " + path, e);
            }
        }

        /** Starts Prometheus and waits until it reports ready. */
        public RealPrometheus start() {
            RealPrometheus prometheus = new RealPrometheus(this);
            try {
                prometheus.startProcess();
                return prometheus;
            } catch (RuntimeException | Error e) {
                prometheus.close();
                throw e;
            }
        }
    }

    private RealPrometheus(Builder settings) {
        this.settings = settings;
        try {
            this.dir = Files.createTempDirectory("watchdog-prometheus-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for prometheus", e);
        }
        this.logFile = dir.resolve("prometheus.log");
        this.killOnJvmExit = new Thread(this::stopProcess, "kill-prometheus");
        Runtime.getRuntime().addShutdownHook(killOnJvmExit);
    }

    /** The process id of the running server, e.g. to read its CPU time from {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    /** Base URL of the server, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Waits until Prometheus has stored {@code n} scrapes that began after this call, so a value
     * set before the call is queryable afterwards. A scrape counts once the next one has begun:
     * Prometheus' scrape loop commits one scrape before it starts the next, whereas a query sent
     * right after our endpoint answered could still miss the samples. Then checks that the
     * target is healthy, so that a bad exposition fails here and not as "no data" later.
     */
    public void awaitScrapes(int n) {
        MetricsEndpoint target = settings.target;
        if (target == null) {
            throw new IllegalStateException("no scrape target: use builder().scrape(metricsEndpoint)");
        }
        int wanted = target.scrapeCount() + n + 1;
        Duration bound = settings.scrapeInterval.multipliedBy(n + 2L).plusSeconds(10);
        try {
            if (!target.awaitScrapeCount(wanted, bound)) {
                throw failure("the target was scraped " + target.scrapeCount() + " times, not " + wanted
                        + ", within " + bound.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for scrapes");
        }
        JsonNode scraped = findTarget(apiData("/api/v1/targets"), target.url());
        if (scraped == null || !scraped.path("health").asText().equals("up")) {
            throw failure("the target " + target.url() + " is not healthy: "
                    + (scraped == null ? "not in /api/v1/targets" : scraped.path("lastError").asText()));
        }
    }

    /** Waits until Prometheus' own rule engine reports alert {@code alertName} in {@code state}. */
    public void awaitAlert(String alertName, String state) {
        poll("alert " + alertName + " to be " + state, ALERT_TIMEOUT, () -> {
            for (JsonNode alert : apiData("/api/v1/alerts").path("alerts")) {
                if (alert.path("labels").path("alertname").asText().equals(alertName)
                        && alert.path("state").asText().equals(state)) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * An alert as Prometheus' own rule engine reports it on {@code /api/v1/alerts}.
     *
     * @param labels every label, {@code alertname} included
     * @param state  {@code pending} or {@code firing}
     */
    public record Alert(String name, Map<String, String> labels, String state) {

        public Alert {
            labels = Map.copyOf(labels);
        }
    }

    /**
     * The alerts Prometheus' rule engine holds active now ({@code /api/v1/alerts}): pending and
     * firing ones. Resolved alerts are not listed, as in Prometheus itself.
     */
    public List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode alert : apiData("/api/v1/alerts").path("alerts")) {
            Map<String, String> labels = new TreeMap<>();
            alert.path("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
            alerts.add(new Alert(labels.getOrDefault("alertname", ""), labels, alert.path("state").asText()));
        }
        return alerts;
    }

    /**
     * When the last completed evaluation of rule group {@code group} started ({@code lastEvaluation}
     * on {@code /api/v1/rules}): an evaluation is only reported once it has finished, so any
     * evaluation reported as later than a moment saw the data visible at that moment.
     */
    public Instant lastEvaluation(String group) {
        for (JsonNode node : apiData("/api/v1/rules").path("groups")) {
            if (node.path("name").asText().equals(group)) {
                return Instant.parse(node.path("lastEvaluation").asText());
            }
        }
        throw failure("no rule group named " + group + " on /api/v1/rules");
    }

    /** The last lines Prometheus logged, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL after a bound) and deletes its temp dir. */
    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnJvmExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to unregister
        }
        deleteRecursively(dir);
    }

    private void startProcess() {
        Path binary = findBinary();
        writeConfig();
        for (int i = 0; i < settings.backfills.size(); i++) {
            backfill(binary.resolveSibling("promtool"), settings.backfills.get(i), dir.resolve("backfill-" + i + ".om"));
        }
        // The free port is found by binding and releasing it, so another process can take it
        // before Prometheus does; then Prometheus exits with "address already in use": retry.
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            process = launch(binary);
            if (awaitReady()) {
                return;
            }
            boolean portTaken = logTail().contains("address already in use");
            String outcome = process.isAlive()
                    ? "did not become ready on " + url() + " within " + READY_TIMEOUT.toSeconds() + " s"
                    : "exited with code " + process.exitValue() + " before becoming ready on " + url();
            stopProcess();
            if (!portTaken || attempt == START_ATTEMPTS) {
                throw failure("prometheus " + outcome);
            }
        }
    }

    private void backfill(Path promtool, String openMetrics, Path file) {
        if (!Files.isExecutable(promtool)) {
            throw new AssertionError("promtool is needed next to prometheus to backfill history: " + promtool);
        }
        List<String> command = List.of(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics",
                "--max-block-duration=24h", file.toString(), dir.resolve("data").toString());
        try {
            Files.writeString(file, openMetrics);
            Process backfill = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            if (!backfill.waitFor(READY_TIMEOUT.toSeconds() * 4, java.util.concurrent.TimeUnit.SECONDS)
                    || backfill.exitValue() != 0) {
                backfill.destroyForcibly();
                throw failure("promtool could not backfill " + file);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while backfilling", e);
        }
    }

    private Process launch(Path binary) {
        List<String> command = List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port);
        try {
            return new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    /** True once /-/ready answers 200; false early if the process exits. */
    private boolean awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (status("/-/ready") == 200) {
                return true;
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
        return false;
    }

    private void writeConfig() {
        StringBuilder config = new StringBuilder()
                .append("global:\n")
                .append("  scrape_interval: ").append(duration(settings.scrapeInterval)).append('\n')
                .append("  scrape_timeout: ").append(duration(settings.scrapeInterval)).append('\n')
                .append("  evaluation_interval: ").append(duration(settings.evaluationInterval)).append('\n');
        try {
            if (!settings.ruleFiles.isEmpty()) {
                config.append("rule_files:\n");
                for (int i = 0; i < settings.ruleFiles.size(); i++) {
                    Path ruleFile = dir.resolve("rules-" + i + ".yml");
                    Files.writeString(ruleFile, settings.ruleFiles.get(i));
                    config.append("  - ").append(ruleFile).append('\n');
                }
            }
            if (settings.target != null || !settings.jobs.isEmpty() || !settings.scrapeConfigs.isEmpty()) {
                config.append("scrape_configs:\n");
            }
            settings.scrapeConfigs.forEach(job -> job.lines().forEach(line -> config.append("  ").append(line).append('\n')));
            settings.jobs.forEach((job, hostPort) -> config.append("  - job_name: ").append(job).append('\n')
                    .append("    static_configs:\n")
                    .append("      - targets: ['").append(hostPort).append("']\n"));
            if (settings.target != null) {
                config
                        .append("  - job_name: ").append(JOB).append('\n')
                        .append("    static_configs:\n")
                        .append("      - targets: ['").append(settings.target.target()).append("']\n");
            }
            Files.writeString(dir.resolve("prometheus.yml"), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write prometheus config in " + dir, e);
        }
    }

    private static Path findBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        Stream<Path> candidates = Stream.concat(
                Stream.of(path.split(File.pathSeparator)).filter(p -> !p.isEmpty()).map(p -> Paths.get(p, "prometheus")),
                Stream.of(Paths.get("/usr/bin/prometheus")));
        return candidates.filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                "prometheus binary not found: install the Debian package 'prometheus' "
                        + "(apt-get install -y prometheus; .ci/run does this)"));
    }

    private void stopProcess() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        try {
            running.destroy();
            if (!running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** An instant query at the current time: its {@code data} ({@code resultType}, {@code result}); an error fails. */
    public JsonNode query(String promql) {
        return apiData("/api/v1/query?query=" + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8));
    }

    private JsonNode apiData(String path) {
        try {
            HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !json.path("status").asText().equals("success")) {
                throw failure("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.path("data");
        } catch (IOException e) {
            throw failure("GET " + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted during GET " + path);
        }
    }

    private int status(String path) {
        try {
            return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted during GET " + path);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).GET().build();
    }

    private static JsonNode findTarget(JsonNode targets, String scrapeUrl) {
        for (JsonNode target : targets.path("activeTargets")) {
            if (target.path("scrapeUrl").asText().equals(scrapeUrl)) {
                return target;
            }
        }
        return null;
    }

    /** Bounded polling, for the few things only visible through Prometheus' API. */
    private void poll(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw failure("gave up waiting " + timeout.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
    }

    private AssertionError failure(String message) {
        return new AssertionError("RealPrometheus: " + message + "\n--- tail of " + logFile + " ---\n" + logTail());
    }

    private static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp dir must not fail the test that already ran
        }
    }
}
