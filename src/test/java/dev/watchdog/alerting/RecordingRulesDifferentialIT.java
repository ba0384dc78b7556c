package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.prometheus.PrometheusAlert;
import dev.watchdog.promql.Expr;
import dev.watchdog.promql.Exprs;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import dev.watchdog.promql.VectorSelector;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.MetricsEndpoint;
import dev.watchdog.testing.RealPrometheus;
import dev.watchdog.testing.RunningWatchdog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watchdog and a real Prometheus over the same minutes, on a rule file that uses recording rules (a chain, with
 * a recording rule's own labels, read through a matcher), {@code query_offset}, group {@code labels}, and a
 * target that is down for one scrape while the alerts are pending: the same alerts go pending, are dropped by the
 * missing data, go pending again with a new {@code activeAt}, fire with the same labels and annotations, and
 * resolve.
 *
 * <p>Watchdog reads {@link #WATCHDOG_RULES} and substitutes the recording rules into the alert expressions (its
 * queries never read a recorded series; the test checks that). The Debian Prometheus is 2.42, which predates
 * {@code query_offset} and group {@code labels}, so it gets {@link #PROMETHEUS_RULES}: the same rules written the
 * way Prometheus 3 evaluates those keys (each selector of the alert group read {@code offset 2s}, the group's
 * labels on each alert rule).
 */
class RecordingRulesDifferentialIT {

    /** Recording rules both sides read alike: Prometheus evaluates them, Watchdog substitutes them. */
    private static final String RECORDING_GROUP = """
              - name: differential-recorded
                interval: 1s
                rules:
                  - record: diff:queue_depth:max
                    expr: max by (queue) (diff_queue_depth)
                    labels:
                      source: recorded
                  - record: diff:queue_depth:doubled
                    expr: diff:queue_depth:max * 2
            """;

    private static final String WATCHDOG_RULES = "groups:\n" + RECORDING_GROUP + """
              - name: differential
                interval: 1s
                query_offset: 2s
                labels:
                  team: platform
                rules:
                  - alert: DiffQueueBacklog
                    expr: diff:queue_depth:doubled{queue="orders"} > 100
                    for: 10s
                    labels:
                      severity: warning
                    annotations:
                      summary: "{{ $labels.queue }} backlog is {{ $value }} ({{ $labels.source }})"
                  - alert: DiffWorkerBusy
                    expr: diff_worker_busy > 0
                    for: 10s
                    annotations:
                      summary: "worker {{ $labels.worker }} busy: {{ $value }}"
            """;

    private static final String PROMETHEUS_RULES = "groups:\n" + RECORDING_GROUP + """
              - name: differential
                interval: 1s
                rules:
                  - alert: DiffQueueBacklog
                    expr: diff:queue_depth:doubled{queue="orders"} offset 2s > 100
                    for: 10s
                    labels:
                      severity: warning
                      team: platform
                    annotations:
                      summary: "{{ $labels.queue }} backlog is {{ $value }} ({{ $labels.source }})"
                  - alert: DiffWorkerBusy
                    expr: diff_worker_busy offset 2s > 0
                    for: 10s
                    labels:
                      team: platform
                    annotations:
                      summary: "worker {{ $labels.worker }} busy: {{ $value }}"
            """;

    private static final String BACKLOG = "DiffQueueBacklog";
    private static final String BUSY = "DiffWorkerBusy";
    private static final Map<String, String> ORDERS = Map.of("queue", "orders");
    private static final Map<String, String> W1 = Map.of("worker", "w1");

    private static final Duration PENDING_WITHIN = Duration.ofSeconds(20);
    private static final Duration FIRING_WITHIN = Duration.ofSeconds(30);
    private static final Duration RESOLVED_WITHIN = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    private static MetricsEndpoint metrics;
    private static RealPrometheus prometheus;
    private static PrometheusClient client;
    private static RunningWatchdog watchdog;
    private static final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    /** Per side and alert key, each state seen in order, with its activeAt: "pending@...", "inactive", "firing@...". */
    private static final Map<String, List<String>> histories = new TreeMap<>();

    @BeforeAll
    static void startBothSides() throws Exception {
        metrics = new MetricsEndpoint();
        metrics.set("diff_queue_depth", Map.of("queue", "orders", "shard", "a"), 40);
        metrics.set("diff_queue_depth", Map.of("queue", "orders", "shard", "b"), 30);
        metrics.set("diff_queue_depth", Map.of("queue", "billing", "shard", "a"), 90);
        prometheus = RealPrometheus.builder()
                .scrape(metrics)
                .scrapeInterval(Duration.ofSeconds(2))
                .evaluationInterval(Duration.ofSeconds(1))
                .rules(PROMETHEUS_RULES)
                .start();
        prometheus.awaitScrapes(1);
        client = new PrometheusClient(prometheus.url(), SharedHttpClient.get(), Duration.ofSeconds(5));
        watchdog = RunningWatchdog.startDryRun(prometheus.url(), WATCHDOG_RULES, dir, System.out);
        sampler.scheduleWithFixedDelay(RecordingRulesDifferentialIT::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stopBothSides() throws Exception {
        sampler.shutdownNow();
        for (AutoCloseable part : new AutoCloseable[] {watchdog, prometheus, metrics}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    void bothSidesRaiseTheSameAlertsThroughAScrapeGap() throws Exception {
        List<String> queries = watchdog.watchdog().tracker().rules().stream()
                .filter(rule -> rule.group().equals("differential")).map(AlertRule::query).toList();
        assertThat(queries).as("Watchdog's queries compute the recording rules themselves").hasSize(2)
                .noneMatch(query -> parsed(query).anyMatch(expr ->
                        expr instanceof VectorSelector selector && selector.name().startsWith("diff:")));

        metrics.set("diff_queue_depth", Map.of("queue", "orders", "shard", "b"), 80); // max 80, doubled 160
        metrics.set("diff_worker_busy", W1, 3);
        awaitOnBothSides("both alerts pending", PENDING_WITHIN, Map.of(BACKLOG, "pending", BUSY, "pending"));

        int scrapes = metrics.scrapeCount();
        metrics.failScrapes(1);
        assertThat(metrics.awaitScrapeCount(scrapes + 2, Duration.ofSeconds(10))).as("a failed scrape, then a good one")
                .isTrue();
        awaitOnBothSides("both alerts fire after for: 10s counted again from the end of the gap", FIRING_WITHIN,
                Map.of(BACKLOG, "firing", BUSY, "firing"));

        List<PrometheusAlert> prometheusFiring = client.alerts().stream()
                .filter(alert -> alert.labels().get("alertname").startsWith("Diff")).toList();
        List<AlertInstance> watchdogFiring = watchdog.watchdog().tracker().alerts(AlertState.FIRING).stream()
                .filter(alert -> alert.ruleName().startsWith("Diff")).toList();
        assertThat(labelsAndAnnotations(watchdogFiring.stream().map(a -> List.of(a.labels(), a.annotations()))
                .toList())).as("labels and annotations").isEqualTo(labelsAndAnnotations(prometheusFiring.stream()
                        .map(a -> List.of(a.labels(), a.annotations())).toList()));
        assertThat(watchdogFiring).extracting(alert -> alert.annotation("summary"))
                .containsExactlyInAnyOrder("orders backlog is 160 (recorded)", "worker w1 busy: 3");

        metrics.remove("diff_worker_busy", W1);
        metrics.set("diff_queue_depth", Map.of("queue", "orders", "shard", "b"), 10);
        awaitOnBothSides("both resolve", RESOLVED_WITHIN, Map.of(BACKLOG, "inactive", BUSY, "inactive"));

        sampler.shutdown();
        assertThat(sampler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        sample(); // the state the last wait saw, which the sampler may not have caught yet
        synchronized (histories) {
            System.out.println("RecordingRulesDifferentialIT histories: " + histories);
            for (String side : List.of("prometheus", "watchdog")) {
                for (String alert : List.of(BACKLOG, BUSY)) {
                    List<String> seen = histories.get(side + " " + alert);
                    assertThat(seen).as(side + " " + alert + ": pending, dropped by the gap, pending anew, firing,"
                            + " resolved").extracting(state -> state.replaceAll("@.*", ""))
                            .containsExactly("pending", "inactive", "pending", "firing", "inactive");
                    assertThat(seen.get(2)).as(side + " " + alert + ": the second occurrence fires")
                            .isEqualTo(seen.get(3).replace("firing", "pending"));
                    assertThat(seen.get(0)).as(side + " " + alert + ": the for timer started again")
                            .isNotEqualTo(seen.get(2));
                }
            }
        }
    }

    /**
     * The substitution itself, against what this Prometheus recorded: for each way of reading a recorded metric,
     * the substituted query returns the same series (labels, metric name included) and values as the selector.
     */
    @Test
    void aSubstitutedSelectorReturnsWhatPrometheusRecorded() throws Exception {
        RecordingRuleInliner inliner = new RecordingRuleInliner(List.of(new RuleGroup("differential-recorded",
                Duration.ofSeconds(1), List.of(), "rules.yml:1", null, Map.of(), 0, List.of(
                        recording("diff:queue_depth:max", "max by (queue) (diff_queue_depth)",
                                Map.of("source", "recorded")),
                        recording("diff:queue_depth:doubled", "diff:queue_depth:max * 2", Map.of())))),
                Duration.ofSeconds(1));
        List<String> selectors = List.of("diff:queue_depth:max", "diff:queue_depth:doubled",
                "diff:queue_depth:doubled{queue=\"orders\"}", "diff:queue_depth:max{queue=~\"bill.*\"}",
                "diff:queue_depth:max{queue!=\"orders\",source=\"recorded\"}",
                "diff:queue_depth:max{queue!~\"o.*|b.*\"}", "{__name__=\"diff:queue_depth:max\",queue=\"billing\"}",
                "diff:queue_depth:max{source=\"\"}", "diff:queue_depth:max{missing=\"\"}",
                "sum without (source) (diff:queue_depth:doubled) / 2");
        for (String selector : selectors) {
            String substituted = inliner.inline(new AlertRule("Check", selector, Duration.ZERO, Duration.ZERO,
                    Map.of(), Map.of(), "g", "rules.yml:9")).query();
            assertThat(substituted).as(selector).isNotEqualTo(selector);
            // Both read at one time a few seconds back, when the recording rules have evaluated the same data.
            Await.until(Duration.ofSeconds(10), () -> {
                Instant at = Instant.now().minusSeconds(3);
                Map<Map<String, String>, Double> recorded = series(selector, at);
                boolean selectsNothing = selector.contains("!~") || selector.contains("source=\"\"");
                return recorded.isEmpty() == selectsNothing && recorded.equals(series(substituted, at));
            }, () -> selector + " gives " + series(selector, Instant.now().minusSeconds(3)) + " but " + substituted
                    + " gives " + series(substituted, Instant.now().minusSeconds(3)));
        }
    }

    private static Map<Map<String, String>, Double> series(String query, Instant at) {
        Map<Map<String, String>, Double> values = new LinkedHashMap<>();
        client.query(query, at).forEach(sample -> values.put(sample.labels(), sample.value()));
        return values;
    }

    private static RecordingRule recording(String name, String expr, Map<String, String> labels)
            throws PromqlException {
        return new RecordingRule(name, expr, PromQL.parse(expr), labels, "differential-recorded", "rules.yml:5");
    }

    private static Stream<Expr> parsed(String query) {
        try {
            return Exprs.descendants(PromQL.parse(query));
        } catch (PromqlException invalid) {
            throw new AssertionError("Watchdog's query does not parse: " + query, invalid);
        }
    }

    private static List<String> labelsAndAnnotations(List<List<Map<String, String>>> alerts) {
        return alerts.stream().map(pair -> new TreeMap<>(pair.get(0)) + " " + new TreeMap<>(pair.get(1))).sorted()
                .toList();
    }

    /** Waits until Prometheus and Watchdog both show each alert in the given state ("inactive": not listed). */
    private static void awaitOnBothSides(String step, Duration within, Map<String, String> states) {
        Await.until(within, () -> states.equals(prometheusStates()) && states.equals(watchdogStates()),
                () -> "step \"" + step + "\": expected " + states + "; Prometheus " + prometheusStates() + ", Watchdog "
                        + watchdogStates() + "; histories " + histories + "\n" + prometheus.logTail());
    }

    private static Map<String, String> prometheusStates() {
        Map<String, String> states = inactive();
        client.alerts().stream().filter(alert -> states.containsKey(alert.labels().get("alertname")))
                .forEach(alert -> states.put(alert.labels().get("alertname"), alert.state()));
        return states;
    }

    private static Map<String, String> watchdogStates() {
        Map<String, String> states = inactive();
        for (AlertState state : List.of(AlertState.PENDING, AlertState.FIRING)) {
            watchdog.watchdog().tracker().alerts(state).stream().filter(alert -> states.containsKey(alert.ruleName()))
                    .forEach(alert -> states.put(alert.ruleName(), state.name().toLowerCase()));
        }
        return states;
    }

    private static Map<String, String> inactive() {
        Map<String, String> states = new LinkedHashMap<>();
        states.put(BACKLOG, "inactive");
        states.put(BUSY, "inactive");
        return states;
    }

    /** Records each side's state changes, with activeAt, so the order can be checked afterwards. */
    private static void sample() {
        try {
            Map<String, String> seen = new LinkedHashMap<>();
            for (String alert : List.of(BACKLOG, BUSY)) {
                seen.put("prometheus " + alert, "inactive");
                seen.put("watchdog " + alert, "inactive");
            }
            for (PrometheusAlert alert : client.alerts()) {
                seen.computeIfPresent("prometheus " + alert.labels().get("alertname"),
                        (key, old) -> alert.state() + "@" + alert.activeAt().getEpochSecond());
            }
            for (AlertState state : List.of(AlertState.PENDING, AlertState.FIRING)) {
                for (AlertInstance alert : watchdog.watchdog().tracker().alerts(state)) {
                    seen.computeIfPresent("watchdog " + alert.ruleName(),
                            (key, old) -> state.name().toLowerCase() + "@" + alert.activeAt().getEpochSecond());
                }
            }
            synchronized (histories) {
                seen.forEach((key, state) -> {
                    List<String> history = histories.computeIfAbsent(key, k -> new ArrayList<>());
                    boolean first = history.isEmpty();
                    if ((first && !state.equals("inactive")) || (!first && !history.get(history.size() - 1)
                            .equals(state))) {
                        history.add(state);
                    }
                });
            }
        } catch (RuntimeException missed) {
            // a sample that could not be taken is a gap in the record, not a failure; the next one follows
            System.out.println("sample missed: " + missed);
        }
    }
}
