package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.Sample;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.MetricsEndpoint;
import dev.watchdog.testing.RealPrometheus;
import dev.watchdog.testing.RunningWatchdog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise to a user who pastes their Prometheus alerting rules: Watchdog raises the alerts
 * Prometheus raises.
 *
 * <p>One rule file, {@code conformance/rules.yml}, is loaded both by a real Prometheus (as its
 * alerting rules) and by Watchdog (as its {@code groups:}). Both evaluate every second,
 * independently, over the same scraped data. The test changes the scraped gauges step by step.
 * At each checkpoint it first waits until the change is queryable and both sides have evaluated
 * after that, then until Prometheus shows the state the script expects (so two sides that have
 * not yet seen a change can never agree by accident), then until Watchdog agrees with it: the same
 * label sets pending, the same firing, and Watchdog's resolved alerts are exactly the ones that
 * fired and that Prometheus no longer reports.
 *
 * <p>The two evaluate at different instants, so timing is checked as the order of observations:
 * a sampler records every state each side was seen in, and the test asserts e.g. that an alert
 * with {@code for} was seen pending before firing on both sides, never at which instant.
 */
class RuleConformanceIT {

    private static final String RULES = "/conformance/rules.yml";
    private static final String GROUP = "conformance";

    /** A scrape every second, plus the time Prometheus needs to make samples queryable. */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);
    /** Both sides evaluate every second. */
    private static final Duration EVALUATED_WITHIN = Duration.ofSeconds(5);
    /** Long enough for the longest step the script waits out on Prometheus' side: for: 3s. */
    private static final Duration PROMETHEUS_WITHIN = Duration.ofSeconds(10);
    /** A few evaluation intervals: the two sides evaluate independently, up to 1 s apart. */
    private static final Duration AGREE_WITHIN = Duration.ofSeconds(5);

    private static final String ERRORS_HIGH = "ConformanceErrorsHigh";
    private static final String LATENCY_HIGH = "ConformanceLatencyHigh";
    private static final String QUEUE_BACKLOG = "ConformanceQueueBacklog";
    private static final String DISK_FULL = "ConformanceDiskFull";
    private static final String WORKER_FLAPPING = "ConformanceWorkerFlapping";
    private static final String CERT_EXPIRING = "ConformanceCertExpiring";
    private static final String REPLICA_LAGGING = "ConformanceReplicaLagging";

    private static final String ERRORS = "conformance_errors_per_second";
    private static final String LATENCY = "conformance_latency_seconds";
    private static final String QUEUE = "conformance_queue_depth";
    private static final String DISK = "conformance_disk_used_ratio";
    private static final String WORKER = "conformance_worker_down";
    private static final String CERT = "conformance_cert_expiry_days";
    private static final String LAG = "conformance_replica_lag_seconds";

    private static final Map<String, String> CHECKOUT = Map.of("service", "checkout");
    private static final Map<String, String> ORDERS = Map.of("queue", "orders");
    private static final Map<String, String> DB_1 = Map.of("host", "db-1", "mount", "/data", "team", "storage");
    private static final Map<String, String> DB_2 = Map.of("host", "db-2", "mount", "/data", "team", "storage");
    private static final Map<String, String> WEB_1 = Map.of("host", "web-1", "mount", "/", "team", "frontend");
    private static final Map<String, String> W1 = Map.of("worker", "w1");

    @TempDir
    static Path dir;

    private static MetricsEndpoint metrics;
    private static RealPrometheus prometheus;
    private static PrometheusClient data;
    private static RunningWatchdog watchdog;
    private static Sampler sampler;

    @BeforeAll
    static void startPrometheusAndWatchdogOnTheSameRules() throws Exception {
        Path rules = Path.of(RuleConformanceIT.class.getResource(RULES).toURI());
        metrics = new MetricsEndpoint();
        metrics.set(ERRORS, CHECKOUT, 1);
        metrics.set(LATENCY, CHECKOUT, 0.2);
        metrics.set(QUEUE, ORDERS, 10);
        metrics.set(DISK, DB_1, 0.5);
        metrics.set(DISK, DB_2, 0.6);
        metrics.set(DISK, WEB_1, 0.4);
        prometheus = RealPrometheus.builder()
                .scrape(metrics)
                .scrapeInterval(Duration.ofSeconds(1))
                .evaluationInterval(Duration.ofSeconds(1))
                .ruleFile(rules)
                .start();
        prometheus.awaitScrapes(1);
        data = new PrometheusClient(prometheus.url(), SharedHttpClient.get(), Duration.ofSeconds(5));
        watchdog = RunningWatchdog.startDryRun(prometheus.url(), Files.readString(rules), dir, System.out);
        sampler = Sampler.start();
    }

    @AfterAll
    static void stopBothSides() {
        if (sampler != null) {
            sampler.close();
        }
        if (watchdog != null) {
            watchdog.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    @Test
    void watchdogRaisesTheAlertsPrometheusRaisesAtEveryStep() {
        Script script = new Script(ERRORS_HIGH, LATENCY_HIGH, QUEUE_BACKLOG, DISK_FULL, WORKER_FLAPPING);
        String errorsHigh = alert(ERRORS_HIGH, "service", "checkout", "severity", "page");
        String latencyHigh = alert(LATENCY_HIGH, "service", "checkout", "severity", "warning");
        String queueBacklog = alert(QUEUE_BACKLOG, "queue", "orders");
        String db1Full = alert(DISK_FULL, "host", "db-1", "mount", "/data", "team", "storage",
                "severity", "warning", "owner", "team-storage", "disk", "db-1:/data");
        String web1Full = alert(DISK_FULL, "host", "web-1", "mount", "/", "team", "frontend",
                "severity", "warning", "owner", "team-frontend", "disk", "web-1:/");
        String workerFlapping = alert(WORKER_FLAPPING, "worker", "w1");

        script.checkpoint("0 baseline: every gauge below its threshold", expect());

        script.set(ERRORS, CHECKOUT, 12);
        script.checkpoint("1 errors spike: for: 0 fires at the first evaluation",
                expect().firing(errorsHigh));

        script.set(LATENCY, CHECKOUT, 2.5);
        script.checkpoint("2a latency rises: for: 3s is pending first",
                expect().pending(latencyHigh).firing(errorsHigh));
        script.checkpoint("2b latency stays high: firing once for: 3s has passed",
                expect().firing(errorsHigh, latencyHigh));

        script.set(DISK, DB_1, 0.95);
        script.set(DISK, WEB_1, 0.97);
        script.set(ERRORS, CHECKOUT, 0.5);
        script.checkpoint("3 two of three disks fill up (one alert each), errors recover",
                expect().firing(latencyHigh, db1Full, web1Full).resolved(errorsHigh));

        script.set(QUEUE, ORDERS, 500);
        script.checkpoint("4a queue backs up",
                expect().firing(latencyHigh, db1Full, web1Full, queueBacklog).resolved(errorsHigh));
        script.remove(QUEUE, ORDERS);
        script.checkpointHeldAtOnce("4b queue series gone: keep_firing_for: 3s keeps the alert firing",
                expect().firing(latencyHigh, db1Full, web1Full, queueBacklog).resolved(errorsHigh));
        script.checkpoint("4c keep_firing_for has passed: resolved",
                expect().firing(latencyHigh, db1Full, web1Full).resolved(errorsHigh, queueBacklog));

        script.set(WORKER, W1, 1);
        script.checkpoint("5a worker down: pending (for: 8s)",
                expect().pending(workerFlapping).firing(latencyHigh, db1Full, web1Full)
                        .resolved(errorsHigh, queueBacklog));
        script.remove(WORKER, W1);
        script.checkpoint("5b worker back before for: 8s has passed: inactive, never fired, so not resolved",
                expect().firing(latencyHigh, db1Full, web1Full).resolved(errorsHigh, queueBacklog));

        script.set(DISK, WEB_1, 0.3);
        script.set(LATENCY, CHECKOUT, 0.1);
        script.set(ERRORS, CHECKOUT, 20);
        script.checkpoint("6 web-1 freed, latency recovers, errors spike again (a new occurrence of a resolved alert)",
                expect().firing(errorsHigh, db1Full).resolved(queueBacklog, latencyHigh, web1Full));

        script.set(DISK, DB_1, 0.5);
        script.set(ERRORS, CHECKOUT, 1);
        script.checkpoint("7 everything recovers",
                expect().resolved(errorsHigh, latencyHigh, queueBacklog, db1Full, web1Full));

        sampler.flush();
        System.out.println("RuleConformanceIT script done;\n" + sampler.histories(script.rules));
        sampler.assertNeverSeen(errorsHigh, "pending");
        sampler.assertSeenInOrder(latencyHigh, "pending", "firing");
        sampler.assertSeenInOrder(workerFlapping, "pending", "inactive");
        sampler.assertNeverSeen(workerFlapping, "firing");
    }

    /**
     * Prometheus sets each rule label with {@code labels.Builder.Set}, which deletes the label when
     * the value is empty: a rule label whose template expands to "" removes that label (also one the
     * series had, such as {@code instance}) instead of giving it an empty value.
     */
    @Test
    void aRuleLabelThatExpandsToNothingIsLeftOutAsInPrometheus() {
        Script script = new Script(CERT_EXPIRING);
        script.set(CERT, Map.of("domain", "shop.example"), 3);
        script.set(CERT, Map.of("domain", "api.example", "owner_team", "payments"), 2);

        script.checkpoint("certificates expire soon; `instance: \"\"` and, without owner_team, "
                + "`team: \"{{ $labels.owner_team }}\"` expand to nothing: Prometheus leaves both labels out",
                expect().firing(
                        labels(CERT_EXPIRING, "domain", "shop.example", "job", RealPrometheus.JOB),
                        labels(CERT_EXPIRING, "domain", "api.example", "owner_team", "payments",
                                "team", "payments", "job", RealPrometheus.JOB)));
    }

    /**
     * When two series of one rule have the same labels once the rule's labels are applied,
     * Prometheus fails that evaluation of the rule (health "err") and leaves its alerts as they
     * were: here, none.
     */
    @Test
    void seriesThatCollideOnceTheRuleLabelsApplyRaiseNoAlertAsInPrometheus() {
        Script script = new Script(REPLICA_LAGGING);
        script.set(LAG, Map.of("replica", "r1"), 60);
        script.set(LAG, Map.of("replica", "r2"), 90);

        script.checkpoint("two replicas lag and `replica: any` gives both alerts the same labels: Prometheus "
                + "fails the rule (\"vector contains metrics with the same labelset after applying alert "
                + "labels\") and raises nothing", expect());
    }

    // ---------------------------------------------------------------- the script and its checks

    /** Gauge changes, then checkpoints comparing the alerts of the given rules on both sides. */
    private static final class Script {

        private final Set<String> rules;
        private final List<Change> unseenChanges = new ArrayList<>();
        private boolean firstCheckpoint = true;

        Script(String... rules) {
            this.rules = Set.of(rules);
        }

        void set(String metric, Map<String, String> labels, double value) {
            metrics.set(metric, labels, value);
            unseenChanges.add(new Change(selector(metric, labels), value));
        }

        void remove(String metric, Map<String, String> labels) {
            metrics.remove(metric, labels);
            unseenChanges.add(new Change(selector(metric, labels), null));
        }

        /** Waits for both sides to see the changes, for Prometheus to match, then for Watchdog to agree. */
        void checkpoint(String step, Expected expected) {
            awaitBothEvaluatedTheChanges(step);
            Await.until(PROMETHEUS_WITHIN, () -> prometheusView(rules).is(expected),
                    () -> prometheusDidNotReach(step, expected));
            Await.until(AGREE_WITHIN, () -> agree(expected, prometheusView(rules), watchdogView(rules)),
                    () -> disagreement(step, expected, prometheusView(rules), watchdogView(rules)));
        }

        /**
         * For a state that both sides must still hold right after evaluating the change (e.g. firing
         * while keep_firing_for lasts): compares once, at once, instead of waiting for agreement.
         */
        void checkpointHeldAtOnce(String step, Expected expected) {
            awaitBothEvaluatedTheChanges(step);
            PrometheusView prometheusSide = prometheusView(rules);
            WatchdogView watchdogSide = watchdogView(rules);
            if (!prometheusSide.is(expected)) {
                throw new AssertionError(prometheusDidNotReach(step, expected));
            }
            if (!agree(expected, prometheusSide, watchdogSide)) {
                throw new AssertionError(disagreement(step, expected, prometheusSide, watchdogSide));
            }
        }

        /**
         * Waits until the changed gauges are queryable, then until both sides have evaluated after
         * that. The first checkpoint always waits for an evaluation, so that a baseline of "no
         * alerts" is never compared before Watchdog has evaluated at all.
         */
        private void awaitBothEvaluatedTheChanges(String step) {
            if (unseenChanges.isEmpty() && !firstCheckpoint) {
                return;
            }
            firstCheckpoint = false;
            if (!unseenChanges.isEmpty()) {
                Await.until(VISIBLE_WITHIN, () -> unseenChanges.stream().allMatch(Change::visible),
                        () -> "step \"" + step + "\": Prometheus does not show the changed gauges: "
                                + unseenChanges.stream().map(Change::describe).collect(Collectors.joining("; ")));
                unseenChanges.clear();
            }
            Instant visible = Instant.now();
            Await.until(EVALUATED_WITHIN,
                    () -> watchdogLastPoll().isAfter(visible) && prometheus.lastEvaluation(GROUP).isAfter(visible),
                    () -> "step \"" + step + "\": both sides to evaluate after " + visible + "; Watchdog last polled "
                            + watchdogLastPoll() + ", Prometheus last evaluated " + prometheus.lastEvaluation(GROUP));
        }

        private static boolean agree(Expected expected, PrometheusView prometheusSide, WatchdogView watchdogSide) {
            return prometheusSide.is(expected)
                    && watchdogSide.pending().equals(prometheusSide.pending())
                    && watchdogSide.firing().equals(prometheusSide.firing())
                    && watchdogSide.resolved().equals(expected.resolved())
                    && watchdogSide.resolved().stream().noneMatch(prometheusSide::reports);
        }

        private String prometheusDidNotReach(String step, Expected expected) {
            PrometheusView prometheusSide = prometheusView(rules);
            return "step \"" + step + "\": Prometheus itself did not reach the scripted state (the script's "
                    + "expectation of Prometheus is wrong, or Prometheus is too slow)\n"
                    + "  pending  expected:   " + expected.pending() + "\n"
                    + "           Prometheus: " + prometheusSide.pending() + "\n"
                    + "  firing   expected:   " + expected.firing() + "\n"
                    + "           Prometheus: " + prometheusSide.firing() + "\n"
                    + sampler.histories(rules);
        }

        private String disagreement(String step, Expected expected, PrometheusView prometheusSide,
                WatchdogView watchdogSide) {
            return "step \"" + step + "\": Watchdog does not show the alerts Prometheus shows\n"
                    + "  pending  Prometheus: " + prometheusSide.pending() + "\n"
                    + "           Watchdog:   " + watchdogSide.pending() + "\n"
                    + difference(prometheusSide.pending(), watchdogSide.pending())
                    + "  firing   Prometheus: " + prometheusSide.firing() + "\n"
                    + "           Watchdog:   " + watchdogSide.firing() + "\n"
                    + difference(prometheusSide.firing(), watchdogSide.firing())
                    + "  resolved Watchdog:   " + watchdogSide.resolved() + "\n"
                    + "           expected:   " + expected.resolved() + " (fired earlier, no longer reported by "
                    + "Prometheus)\n"
                    + (prometheusSide.is(expected) ? "" : "  (and Prometheus has moved on from the scripted state "
                            + "pending " + expected.pending() + " firing " + expected.firing() + ")\n")
                    + sampler.histories(rules);
        }

        private static String difference(Set<String> prometheusSide, Set<String> watchdogSide) {
            Set<String> onlyPrometheus = new TreeSet<>(prometheusSide);
            onlyPrometheus.removeAll(watchdogSide);
            Set<String> onlyWatchdog = new TreeSet<>(watchdogSide);
            onlyWatchdog.removeAll(prometheusSide);
            return (onlyPrometheus.isEmpty() ? "" : "           only in Prometheus: " + onlyPrometheus + "\n")
                    + (onlyWatchdog.isEmpty() ? "" : "           only in Watchdog:   " + onlyWatchdog + "\n");
        }
    }

    /** A gauge change; {@code value} is null when the series was removed. */
    private record Change(String selector, Double value) {

        boolean visible() {
            List<Sample> samples = data.query(selector, null);
            return value == null
                    ? samples.isEmpty()
                    : samples.size() == 1 && samples.get(0).value() == value.doubleValue();
        }

        String describe() {
            return selector + " should be " + (value == null ? "gone" : value) + " but the query returns "
                    + data.query(selector, null);
        }
    }

    /** What Prometheus must show at a checkpoint, and which alerts Watchdog must list as resolved. */
    private record Expected(Set<String> pending, Set<String> firing, Set<String> resolved) {

        Expected pending(String... alerts) {
            return new Expected(sorted(alerts), firing, resolved);
        }

        Expected firing(String... alerts) {
            return new Expected(pending, sorted(alerts), resolved);
        }

        Expected resolved(String... alerts) {
            return new Expected(pending, firing, sorted(alerts));
        }

        private static Set<String> sorted(String... alerts) {
            return new TreeSet<>(List.of(alerts));
        }
    }

    private static Expected expect() {
        return new Expected(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
    }

    private record PrometheusView(SortedSet<String> pending, SortedSet<String> firing) {

        boolean is(Expected expected) {
            return pending.equals(expected.pending()) && firing.equals(expected.firing());
        }

        boolean reports(String alert) {
            return pending.contains(alert) || firing.contains(alert);
        }
    }

    private record WatchdogView(SortedSet<String> pending, SortedSet<String> firing, SortedSet<String> resolved) {
    }

    /** The active alerts of {@code rules} on /api/v1/alerts (Prometheus lists no resolved ones). */
    private static PrometheusView prometheusView(Set<String> rules) {
        PrometheusView view = new PrometheusView(new TreeSet<>(), new TreeSet<>());
        for (RealPrometheus.Alert alert : prometheus.alerts()) {
            if (!rules.contains(alert.name())) {
                continue;
            }
            switch (alert.state()) {
                case "pending" -> view.pending().add(key(alert.labels()));
                case "firing" -> view.firing().add(key(alert.labels()));
                default -> throw new AssertionError("Prometheus reports an alert in state " + alert.state()
                        + ": " + alert);
            }
        }
        return view;
    }

    private static WatchdogView watchdogView(Set<String> rules) {
        AlertTracker tracker = watchdog.watchdog().tracker();
        Function<List<AlertInstance>, SortedSet<String>> keys = alerts -> alerts.stream()
                .filter(alert -> rules.contains(alert.ruleName()))
                .map(alert -> key(alert.labels()))
                .collect(Collectors.toCollection(TreeSet::new));
        // AlertTracker's methods lock the tracker: holding it gives one consistent snapshot, so an
        // evaluation cannot move an alert from one list to another between the three reads.
        synchronized (tracker) {
            return new WatchdogView(keys.apply(tracker.alerts(AlertState.PENDING)),
                    keys.apply(tracker.alerts(AlertState.FIRING)), keys.apply(tracker.alerts(AlertState.RESOLVED)));
        }
    }

    private static Instant watchdogLastPoll() {
        Instant lastSuccess = watchdog.watchdog().pollStatus().snapshot().lastSuccess();
        return lastSuccess != null ? lastSuccess : Instant.EPOCH;
    }

    /** An alert of the scripted target: the given labels plus job and instance, as Prometheus adds them. */
    private static String alert(String name, String... labelPairs) {
        String[] withTarget = Arrays.copyOf(labelPairs, labelPairs.length + 4);
        withTarget[labelPairs.length] = "job";
        withTarget[labelPairs.length + 1] = RealPrometheus.JOB;
        withTarget[labelPairs.length + 2] = "instance";
        withTarget[labelPairs.length + 3] = metrics.target();
        return labels(name, withTarget);
    }

    /** An alert with exactly these labels (and alertname). */
    private static String labels(String name, String... labelPairs) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        labels.put("alertname", name);
        return key(labels);
    }

    /**
     * A full label set as one comparable, readable string: {@code Name{a="1", b="2"}}, where Name
     * is the alertname label. Two label sets are equal exactly when their keys are.
     */
    private static String key(Map<String, String> labels) {
        TreeMap<String, String> sorted = new TreeMap<>(labels);
        String name = sorted.remove("alertname");
        return (name == null ? "<no alertname label>" : name) + sorted.entrySet().stream()
                .map(label -> label.getKey() + "=\"" + escape(label.getValue()) + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String selector(String metric, Map<String, String> labels) {
        return metric + new TreeMap<>(labels).entrySet().stream()
                .map(label -> label.getKey() + "=\"" + escape(label.getValue()) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    // ---------------------------------------------------------------- order of observations

    /**
     * Samples both sides every 50 ms (a twentieth of an evaluation interval) and records every
     * change of an alert's state: pending, firing, resolved (Watchdog only: Prometheus does not
     * list resolved alerts) or inactive (not listed).
     */
    private static final class Sampler implements AutoCloseable {

        private static final String PROMETHEUS = "Prometheus";
        private static final String WATCHDOG = "Watchdog";

        private record Observation(long atMillis, String side, String alert, String state) {
            @Override
            public String toString() {
                return String.format("+%.2fs %s", atMillis / 1000.0, state);
            }
        }

        private final long started = System.nanoTime();
        private final Set<String> allRules = watchdog.watchdog().tracker().rules().stream()
                .map(AlertRule::name).collect(Collectors.toSet());
        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "conformance-sampler");
            thread.setDaemon(true);
            return thread;
        });
        private final List<Observation> observations = new ArrayList<>(); // guarded by this
        private final Map<String, Map<String, String>> lastState = new HashMap<>(); // guarded by this
        private volatile RuntimeException failure;

        static Sampler start() {
            Sampler sampler = new Sampler();
            sampler.executor.scheduleWithFixedDelay(sampler::sample, 0, 50, TimeUnit.MILLISECONDS);
            return sampler;
        }

        private void sample() {
            try {
                PrometheusView prometheusSide = prometheusView(allRules);
                WatchdogView watchdogSide = watchdogView(allRules);
                Map<String, String> prometheusStates = new HashMap<>();
                prometheusSide.pending().forEach(alert -> prometheusStates.put(alert, "pending"));
                prometheusSide.firing().forEach(alert -> prometheusStates.put(alert, "firing"));
                Map<String, String> watchdogStates = new HashMap<>();
                watchdogSide.pending().forEach(alert -> watchdogStates.put(alert, "pending"));
                watchdogSide.firing().forEach(alert -> watchdogStates.put(alert, "firing"));
                watchdogSide.resolved().forEach(alert -> watchdogStates.put(alert, "resolved"));
                record(PROMETHEUS, prometheusStates);
                record(WATCHDOG, watchdogStates);
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        /** Takes one more sample now, on the sampler's thread (so in order), and waits for it. */
        void flush() {
            try {
                executor.submit(this::sample).get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while sampling", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("the sampler did not take a sample", e);
            }
        }

        private synchronized void record(String side, Map<String, String> states) {
            long at = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            Map<String, String> last = lastState.computeIfAbsent(side, s -> new HashMap<>());
            Set<String> alerts = new LinkedHashSet<>(last.keySet());
            alerts.addAll(states.keySet());
            for (String alert : alerts) {
                String state = states.getOrDefault(alert, "inactive");
                if (!state.equals(last.getOrDefault(alert, "inactive"))) {
                    observations.add(new Observation(at, side, alert, state));
                    last.put(alert, state);
                }
            }
        }

        private synchronized List<Observation> of(String side, String alert) {
            return observations.stream()
                    .filter(o -> o.side().equals(side) && o.alert().equals(alert))
                    .toList();
        }

        void assertNeverSeen(String alert, String state) {
            for (String side : List.of(PROMETHEUS, WATCHDOG)) {
                assertThat(of(side, alert)).as("%s: %s was seen %s; history: %s%s", side, alert, state,
                        of(side, alert), sampleFailure()).noneMatch(o -> o.state().equals(state));
            }
        }

        /** On each side: {@code first} was seen, and {@code then} was seen after it. */
        void assertSeenInOrder(String alert, String first, String then) {
            for (String side : List.of(PROMETHEUS, WATCHDOG)) {
                List<String> states = of(side, alert).stream().map(Observation::state).toList();
                int firstAt = states.indexOf(first);
                assertThat(firstAt >= 0 && states.subList(firstAt, states.size()).contains(then))
                        .as("%s: %s should be seen %s, then %s; history: %s%s", side, alert, first, then,
                                of(side, alert), sampleFailure())
                        .isTrue();
            }
        }

        /** Every recorded state change of the rules' alerts, per side, for failure messages. */
        synchronized String histories(Set<String> rules) {
            Map<String, Map<String, List<Observation>>> byAlert = new TreeMap<>();
            observations.stream()
                    .filter(o -> rules.stream().anyMatch(rule -> o.alert().startsWith(rule + "{")))
                    .forEach(o -> byAlert.computeIfAbsent(o.alert(), k -> new TreeMap<>())
                            .computeIfAbsent(o.side(), k -> new ArrayList<>()).add(o));
            StringBuilder text = new StringBuilder("  state changes seen (time since the sampler started):\n");
            byAlert.forEach((alert, bySide) -> {
                text.append("    ").append(alert).append('\n');
                for (String side : List.of(PROMETHEUS, WATCHDOG)) {
                    text.append(String.format("      %-12s%s%n", side + ":", bySide.getOrDefault(side, List.of())));
                }
            });
            return text + sampleFailure();
        }

        private String sampleFailure() {
            RuntimeException e = failure;
            return e == null ? "" : "\n  (the sampler failed: " + e + ")";
        }

        @Override
        public void close() {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
