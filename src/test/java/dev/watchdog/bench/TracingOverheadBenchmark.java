package dev.watchdog.bench;

import com.sun.net.httpserver.HttpServer;
import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertTemplates;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.PollStatus;
import dev.watchdog.alerting.RuleGroup;
import dev.watchdog.alerting.RulePoller;
import dev.watchdog.alerting.SelfMonitor;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.db.Database;
import dev.watchdog.ops.WatchdogMetrics;
import dev.watchdog.ops.telemetry.Telemetry;
import dev.watchdog.ops.telemetry.TelemetrySettings;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.PrometheusSettings;
import dev.watchdog.testing.FakePrometheus;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What tracing costs: the poll cycle and click-to-ack, each with tracing on (the SDK exporting
 * every span over OTLP/HTTP to a local collector that accepts everything) and off, alternating
 * round by round in the same JVM so that both see the same machine. Prints figures, asserts nothing.
 *
 * <pre>
 * mvn -B -q -Pbench test-compile exec:exec -Dbench.mainClass=dev.watchdog.bench.TracingOverheadBenchmark
 * </pre>
 *
 * <p>Poll cycle: 20 rules in 4 groups against a WireMock Prometheus answering 5 series each, through the real
 * client, tracker and SQLite store; 30 cycles per round. Click-to-ack: the workload of {@link AckLatencyBenchmark}
 * (commands and clicks through the fake Socket Mode server to the whole Watchdog), one burst per round.
 */
public final class TracingOverheadBenchmark {

    private static final int POLLS_PER_ROUND = 30;

    private TracingOverheadBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(AckLatencyBenchmark.Settings.fromSystemProperties());
        } catch (Exception | Error failure) {
            System.err.println("tracing overhead benchmark failed: " + failure);
            failure.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static void run(AckLatencyBenchmark.Settings settings) throws Exception {
        HttpServer collector = acceptingCollector();
        Path dataDir = Files.createTempDirectory("watchdog-tracing-bench");
        try (FakePrometheus prometheus = new FakePrometheus();
                AckLatencyBenchmark.WatchdogSubject watchdog = AckLatencyBenchmark.WatchdogSubject.start(dataDir)) {
            // After the Watchdog started: its Core installed tracing off; the rounds switch between these two.
            Telemetry off = Telemetry.off();
            Telemetry on = Telemetry.install(new TelemetrySettings(true, "http://127.0.0.1:"
                    + collector.getAddress().getPort() + "/v1/traces", Map.of(), 1.0, "watchdog-bench", 2048),
                    new WatchdogMetrics(new PrometheusRegistry()));
            RulePoller poller = poller(prometheus);
            List<RuleGroup> groups = groups();
            List<Long> pollsOn = new ArrayList<>();
            List<Long> pollsOff = new ArrayList<>();
            AckLatencyBenchmark.Measured acksOn = new AckLatencyBenchmark.Measured();
            AckLatencyBenchmark.Measured acksOff = new AckLatencyBenchmark.Measured();
            int rounds = settings.warmupRounds() + settings.rounds();
            for (int round = 0; round < rounds; round++) {
                boolean measured = round >= settings.warmupRounds();
                for (boolean tracing : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    Telemetry.install(tracing ? on : off);
                    List<Long> polls = timePolls(poller, groups);
                    AckLatencyBenchmark.RoundResult acks = AckLatencyBenchmark.runRound(watchdog, settings, round);
                    if (measured) {
                        (tracing ? pollsOn : pollsOff).addAll(polls);
                        (tracing ? acksOn : acksOff).add(acks);
                    }
                }
            }
            Telemetry.install(off);
            on.close();
            String report = report(settings, pollsOn, pollsOff, all(acksOn), all(acksOff));
            System.out.print(report);
            Path out = settings.out().resolveSibling("tracing-overhead.txt").toAbsolutePath();
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out);
        } finally {
            collector.stop(0);
        }
    }

    private static List<Long> timePolls(RulePoller poller, List<RuleGroup> groups) {
        List<Long> took = new ArrayList<>(POLLS_PER_ROUND);
        for (int i = 0; i < POLLS_PER_ROUND; i++) {
            long started = System.nanoTime();
            poller.pollGroups(groups);
            took.add(System.nanoTime() - started);
        }
        return took;
    }

    private static List<RuleGroup> groups() {
        return IntStream.range(0, 4).mapToObj(group -> new RuleGroup("group-" + group, null,
                IntStream.range(0, 5).mapToObj(rule -> new AlertRule("Rule" + group + "x" + rule,
                        "errors_" + group + "_" + rule + " > 1", Duration.ofMinutes(5), Duration.ZERO, Map.of(),
                        Map.of(), "group-" + group, "bench.yml:" + rule)).toList(), "bench.yml")).toList();
    }

    private static RulePoller poller(FakePrometheus prometheus) {
        List<RuleGroup> groups = groups();
        for (RuleGroup group : groups) {
            for (AlertRule rule : group.rules()) {
                prometheus.answer(rule.expr(), IntStream.range(0, 5)
                        .mapToObj(series -> Map.of("instance", "app-" + series + ":80")).toList(), 2.0);
            }
        }
        PrometheusClient client = PrometheusClient.from(new PrometheusSettings(prometheus.url(), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Map.of(), 3, false, Duration.ZERO, true));
        SelfMonitor selfMonitor = new SelfMonitor(prometheus.url(), 3);
        List<AlertRule> rules = Stream.concat(groups.stream().flatMap(group -> group.rules().stream()),
                selfMonitor.rules().stream()).toList();
        AlertTracker tracker = new AlertTracker(rules, new AlertTemplates(Map.of()),
                new SqlAlertStore(Database.inMemory(), Clock.systemUTC()));
        return new RulePoller(groups, Duration.ofSeconds(30), client::query, tracker, selfMonitor, transitions -> { },
                new PollStatus(), new RulePoller.PollObserver() {
                    @Override
                    public void polled(Instant at, Duration took, boolean reachedPrometheus) {
                    }

                    @Override
                    public void ruleEvaluated(AlertRule rule, String outcome) {
                    }
                }, Clock.systemUTC());
    }

    /** A collector that takes every export and answers 200 with an empty ExportTraceServiceResponse. */
    private static HttpServer acceptingCollector() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.flush();
            }
        });
        server.start();
        return server;
    }

    private static List<Long> all(AckLatencyBenchmark.Measured measured) {
        return measured.latencies.values().stream().flatMap(List::stream).toList();
    }

    private static String report(AckLatencyBenchmark.Settings settings, List<Long> pollsOn, List<Long> pollsOff,
            List<Long> acksOn, List<Long> acksOff) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Tracing overhead: %d measured rounds (after %d warm-up), on and off alternating%n",
                settings.rounds(), settings.warmupRounds()));
        line(text, "poll cycle, tracing off", pollsOff);
        line(text, "poll cycle, tracing on", pollsOn);
        line(text, "click-to-ack, tracing off", acksOff);
        line(text, "click-to-ack, tracing on", acksOn);
        text.append(String.format(Locale.ROOT, "on/off, median: poll cycle %.3fx, click-to-ack %.3fx (target <= 1.05x)%n",
                ratio(pollsOn, pollsOff, 50), ratio(acksOn, acksOff, 50)));
        text.append(String.format(Locale.ROOT, "on/off, p90:    poll cycle %.3fx, click-to-ack %.3fx%n",
                ratio(pollsOn, pollsOff, 90), ratio(acksOn, acksOff, 90)));
        return text.toString();
    }

    private static void line(StringBuilder text, String what, List<Long> nanos) {
        long[] sorted = AckLatencyBenchmark.sortedArray(nanos);
        text.append(String.format(Locale.ROOT, "  %-27s n=%5d  p50 %8s  p90 %8s  p99 %8s ms%n", what, sorted.length,
                AckLatencyBenchmark.ms(AckLatencyBenchmark.percentile(sorted, 50)),
                AckLatencyBenchmark.ms(AckLatencyBenchmark.percentile(sorted, 90)),
                AckLatencyBenchmark.ms(AckLatencyBenchmark.percentile(sorted, 99))));
    }

    private static double ratio(List<Long> on, List<Long> off, double percent) {
        return (double) AckLatencyBenchmark.percentile(AckLatencyBenchmark.sortedArray(on), percent)
                / AckLatencyBenchmark.percentile(AckLatencyBenchmark.sortedArray(off), percent);
    }
}
