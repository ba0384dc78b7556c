package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.alerting.anomaly.AnomalyFigures;
import dev.watchdog.alerting.anomaly.AnomalyQuery;
import dev.watchdog.prometheus.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import dev.watchdog.db.Database;
import dev.watchdog.testing.MutableClock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RulePollerTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private final AlertRule down = new AlertRule("Down", "up == 0", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(),
            "g", "t.yml:1");
    private final AlertRule typo = new AlertRule("Typo", "up ==", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(),
            "g", "t.yml:5");
    private final RuleGroup group = new RuleGroup("g", null, List.of(typo, down), "t.yml:1");
    private final SelfMonitor selfMonitor = new SelfMonitor("http://p:9090", 2);
    private final AlertStore store = new SqlAlertStore(Database.inMemory(), Clock.systemUTC());
    private final AlertTracker tracker = new AlertTracker(
            Stream.concat(group.rules().stream(), selfMonitor.rules().stream()).toList(),
            new AlertTemplates(Map.of()), store);
    private final PollStatus status = new PollStatus();
    private final List<AlertTransition> delivered = new ArrayList<>();
    private final RecordingPollObserver observer = new RecordingPollObserver();
    private final List<String> outcomes = observer.outcomes;
    private final AtomicReference<RuntimeException> prometheusFailure = new AtomicReference<>();
    private final List<Sample> downSeries = new ArrayList<>(List.of(new Sample(Map.of("job", "api"), 0, T0)));
    private final MutableClock clock = new MutableClock(T0);

    private final RulePoller poller = new RulePoller(List.of(group), Duration.ofSeconds(30), (expr, time) -> {
        if (prometheusFailure.get() != null) {
            throw prometheusFailure.get();
        }
        if (expr.equals("up ==")) {
            throw new PrometheusException("Prometheus rejected 'up =='", 400, PrometheusException.BAD_DATA, null);
        }
        return List.copyOf(downSeries);
    }, tracker, selfMonitor, delivered::addAll, status, observer, clock);

    private List<String> deliveredAs(String ruleName) {
        return delivered.stream().filter(t -> t.alert().ruleName().equals(ruleName))
                .map(t -> t.kind().name()).toList();
    }

    @Test
    void aRuleWithABadQueryDoesNotStopTheOthersAndIsReportedOnceAsItsOwnAlert() {
        poller.pollGroups(List.of(group));
        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(group));

        assertThat(outcomes).startsWith("Typo:query_error", "Down:ok", "poll:true");
        assertThat(deliveredAs("Down")).containsExactly("PENDING", "FIRING");
        assertThat(deliveredAs("WatchdogRuleFailing")).containsExactly("PENDING", "FIRING");
        AlertInstance failing = tracker.alerts(AlertState.FIRING).stream()
                .filter(alert -> alert.ruleName().equals("WatchdogRuleFailing")).findFirst().orElseThrow();
        assertThat(failing.labels()).containsEntry("rule", "Typo").containsEntry("origin", "t.yml:5");
        assertThat(failing.annotation("summary")).isEqualTo(
                "Rule Typo (t.yml:5) cannot be evaluated; its alerts are frozen");
        assertThat(selfMonitor.failingRules()).containsEntry(typo, "Prometheus rejected 'up =='");
    }

    @Test
    void aRuleThatWorksAgainResolvesItsFailureAlert() {
        poller.pollGroups(List.of(group));
        delivered.clear();

        RulePoller fixed = new RulePoller(List.of(group), Duration.ofSeconds(30), (expr, time) -> List.copyOf(downSeries),
                tracker, selfMonitor, delivered::addAll, status, noObserver(), clock);
        clock.advance(Duration.ofSeconds(30));
        fixed.pollGroups(List.of(group));

        assertThat(deliveredAs("WatchdogRuleFailing")).containsExactly("RESOLVED");
        assertThat(selfMonitor.failingRules()).isEmpty();
    }

    @Test
    void anUnreachablePrometheusResolvesNothingFiresNothingAndRaisesItsOwnAlert() {
        poller.pollGroups(List.of(group));
        delivered.clear();
        prometheusFailure.set(new PrometheusException("Prometheus at http://p:9090 is unreachable (connection refused)",
                0, PrometheusException.UNAVAILABLE, null));
        downSeries.clear(); // were the failure read as "no series", the alert would resolve

        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(group));
        assertThat(delivered).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(group));

        assertThat(deliveredAs("WatchdogPrometheusUnreachable")).containsExactly("PENDING", "FIRING");
        assertThat(deliveredAs("Down")).isEmpty();
        assertThat(deliveredAs("WatchdogRuleFailing")).isEmpty();
        assertThat(tracker.alerts(AlertState.FIRING)).extracting(AlertInstance::ruleName)
                .containsExactlyInAnyOrder("Down", "WatchdogRuleFailing", "WatchdogPrometheusUnreachable");
        PollStatus.Snapshot snapshot = status.snapshot();
        assertThat(snapshot.reachable()).isFalse();
        assertThat(snapshot.consecutiveFailures()).isEqualTo(2);
        assertThat(snapshot.lastSuccess()).isEqualTo(T0);
        assertThat(snapshot.lastError()).contains("connection refused");

        delivered.clear();
        prometheusFailure.set(null);
        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(group));
        assertThat(deliveredAs("Down")).containsExactly("RESOLVED");
        assertThat(deliveredAs("WatchdogPrometheusUnreachable")).containsExactly("RESOLVED");
        assertThat(status.snapshot().consecutiveFailures()).isZero();
    }

    @Test
    void severalGroupsFailingAtOnceAreOneFailedPollNotOnePerGroup() {
        SelfMonitor afterThree = new SelfMonitor("http://p:9090", 3);
        List<RuleGroup> groups = List.of(new RuleGroup("a", null, List.of(down), "a.yml:1"),
                new RuleGroup("b", null, List.of(typo), "b.yml:1"), new RuleGroup("c", null, List.of(down), "c.yml:1"));
        AlertTracker own = new AlertTracker(Stream.concat(Stream.of(down, typo), afterThree.rules().stream()).toList(),
                new AlertTemplates(Map.of()), store);
        RulePoller unreachable = new RulePoller(groups, Duration.ofSeconds(30), (expr, time) -> {
            throw new PrometheusException("connection refused", 0, PrometheusException.UNAVAILABLE, null);
        }, own, afterThree, delivered::addAll, status, noObserver(), clock);

        for (int poll = 1; poll <= 3; poll++) {
            groups.forEach(group -> unreachable.pollGroups(List.of(group)));
            assertThat(status.snapshot().consecutiveFailures()).as("after poll %d", poll).isEqualTo(poll);
            assertThat(deliveredAs("WatchdogPrometheusUnreachable")).as("after poll %d", poll)
                    .isEqualTo(poll < 3 ? List.of() : List.of("PENDING", "FIRING"));
            clock.advance(Duration.ofSeconds(30));
        }
    }

    @Test
    void everyEvaluationIsInTheStoreBeforeTheListenerHearsOfIt() {
        List<Boolean> storedFirst = new ArrayList<>();
        RulePoller checking = new RulePoller(List.of(group), Duration.ofSeconds(30), (expr, time) -> List.copyOf(downSeries),
                tracker, selfMonitor, transitions -> transitions.stream()
                        .filter(t -> t.kind() == AlertTransition.Kind.FIRING || t.kind() == AlertTransition.Kind.RESOLVED)
                        .forEach(t -> storedFirst.add(
                        store.latest(t.alert().fingerprint()).map(s -> s.alert().state() == t.alert().state())
                                .orElse(false))),
                status, noObserver(), clock);

        checking.pollGroups(List.of(group));
        downSeries.clear();
        clock.advance(Duration.ofSeconds(30));
        checking.pollGroups(List.of(group));

        // Both rules fire on the first poll (the query answers every expr) and resolve on the second
        assertThat(storedFirst).hasSize(4).containsOnly(true);
    }

    /** Promise 5: a poll that cannot reach Prometheus is no evidence that a series is gone; for goes on. */
    @Test
    void anUnreachablePollDoesNotResetAPendingTimerButAPollWithoutTheSeriesDoes() {
        AlertRule slow = new AlertRule("Slow", "latency > 1", Duration.ofSeconds(90), Duration.ZERO, Map.of(),
                Map.of(), "g", "t.yml:9");
        RuleGroup slowGroup = new RuleGroup("g", null, List.of(slow), "t.yml:1");
        AlertTracker own = new AlertTracker(Stream.concat(Stream.of(slow), selfMonitor.rules().stream()).toList(),
                new AlertTemplates(Map.of()), store);
        RulePoller poller = new RulePoller(List.of(slowGroup), Duration.ofSeconds(30), (expr, time) -> {
            if (prometheusFailure.get() != null) {
                throw prometheusFailure.get();
            }
            return List.copyOf(downSeries);
        }, own, selfMonitor, delivered::addAll, status, noObserver(), clock);
        Supplier<List<String>> slowAlerts = () -> own.alerts(AlertState.PENDING).stream()
                .map(alert -> "pending since " + alert.activeAt()).toList();

        poller.pollGroups(List.of(slowGroup));
        prometheusFailure.set(new PrometheusException("connection refused", 0, PrometheusException.UNAVAILABLE, null));
        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(slowGroup));
        assertThat(slowAlerts.get()).containsExactly("pending since " + T0);

        prometheusFailure.set(null);
        List<Sample> series = List.copyOf(downSeries);
        downSeries.clear();
        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(slowGroup));
        assertThat(slowAlerts.get()).as("a successful query without the series drops the pending alert").isEmpty();

        downSeries.addAll(series);
        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(slowGroup));
        assertThat(slowAlerts.get()).containsExactly("pending since " + T0.plusSeconds(90));
        assertThat(deliveredAs("Slow")).containsExactly("PENDING", "CANCELLED", "PENDING");
    }

    @Test
    void theQueryRunsQueryOffsetEarlierWhileTheAlertKeepsTheEvaluationTime() {
        AlertRule recorded = down.withQuery("(label_replace(up, \"__name__\", \"x\", \"\", \"\")) == 0");
        RuleGroup offset = new RuleGroup("g", null, List.of(recorded), "t.yml:1", Duration.ofSeconds(45), Map.of(),
                0, List.of());
        AlertTracker own = new AlertTracker(Stream.concat(Stream.of(recorded), selfMonitor.rules().stream()).toList(),
                new AlertTemplates(Map.of()), store);
        List<String> queries = new ArrayList<>();
        RulePoller poller = new RulePoller(List.of(offset), Duration.ofSeconds(30), (expr, time) -> {
            queries.add(expr + " @ " + time);
            return List.copyOf(downSeries);
        }, own, selfMonitor, delivered::addAll, status, noObserver(), clock);

        poller.pollGroups(List.of(offset));

        assertThat(queries).containsExactly(recorded.query() + " @ " + T0.minusSeconds(45));
        assertThat(delivered).extracting(t -> t.alert().activeAt()).containsExactly(T0, T0);
    }

    @Test
    void anAnomalyRulesFiguresAreQueriedOnlyWhenItAlertsAndReachItsOwnSeriesAnnotations() {
        AnomalyQuery anomaly = new AnomalyQuery("load", Duration.ofHours(1), Duration.ofMinutes(1), 3, null, 10, 0);
        AlertRule rule = new AlertRule("LoadAnomaly", anomaly.promql(), Duration.ZERO, Duration.ZERO, Map.of(),
                Map.of("summary", "{{ $labels.job }}: {{ $observed }} against {{ $expected }} ± {{ $stddev }}"
                        + " (z {{ $value }})"), "g", "t.yml:1").withFigures(anomaly.figures());
        RuleGroup anomalies = new RuleGroup("g", null, List.of(rule), "t.yml:1");
        AlertTracker own = new AlertTracker(Stream.concat(Stream.of(rule), selfMonitor.rules().stream()).toList(),
                new AlertTemplates(Map.of()), store);
        List<Sample> zScores = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        RulePoller poller = new RulePoller(List.of(anomalies), Duration.ofSeconds(30), (expr, time) -> {
            queries.add(expr.equals(rule.query()) ? "z-score" : expr.equals(rule.figures()) ? "figures" : expr);
            if (expr.equals(rule.figures())) {
                return List.of(figure("api", "observed", 130), figure("api", "expected", 100),
                        figure("api", "stddev", 7.5), figure("web", "observed", 1), figure("web", "expected", 2),
                        figure("web", "stddev", 3));
            }
            return List.copyOf(zScores);
        }, own, selfMonitor, delivered::addAll, status, noObserver(), clock);

        poller.pollGroups(List.of(anomalies));
        assertThat(queries).as("a quiet anomaly rule costs one query").containsExactly("z-score");

        zScores.add(new Sample(Map.of("job", "api"), 4, T0));
        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(anomalies));

        assertThat(queries).containsExactly("z-score", "z-score", "figures");
        assertThat(own.alerts(AlertState.FIRING)).singleElement().satisfies(alert -> assertThat(
                alert.annotation("summary")).isEqualTo("api: 130 against 100 ± 7.5 (z 4)"));
    }

    @Test
    void anAnomalyRuleWhoseFiguresCannotBeReadStillAlertsWithNaN() {
        AnomalyQuery anomaly = new AnomalyQuery("load", Duration.ofHours(1), Duration.ofMinutes(1), 3, null, 10, 0);
        AlertRule rule = new AlertRule("LoadAnomaly", anomaly.promql(), Duration.ZERO, Duration.ZERO, Map.of(),
                Map.of("summary", "{{ $observed }} vs {{ $expected }}"), "g", "t.yml:1")
                .withFigures(anomaly.figures());
        RuleGroup anomalies = new RuleGroup("g", null, List.of(rule), "t.yml:1");
        AlertTracker own = new AlertTracker(Stream.concat(Stream.of(rule), selfMonitor.rules().stream()).toList(),
                new AlertTemplates(Map.of()), store);
        RulePoller poller = new RulePoller(List.of(anomalies), Duration.ofSeconds(30), (expr, time) -> {
            if (expr.equals(rule.figures())) {
                throw new PrometheusException("query timed out", 503, PrometheusException.BAD_DATA, null);
            }
            return List.of(new Sample(Map.of("job", "api"), -5, T0));
        }, own, selfMonitor, delivered::addAll, status, noObserver(), clock);

        poller.pollGroups(List.of(anomalies));

        assertThat(own.alerts(AlertState.FIRING)).singleElement().satisfies(alert -> assertThat(
                alert.annotation("summary")).isEqualTo("NaN vs NaN"));
    }

    private static Sample figure(String job, String figure, double value) {
        return new Sample(Map.of("__name__", "load", "job", job, AnomalyFigures.LABEL, figure), value, T0);
    }

    @Test
    void aRuleOverItsGroupsLimitDropsItsAlertsAndRaisesItsOwnAlertUntilItIsBackWithin() {
        RuleGroup limited = new RuleGroup("g", null, List.of(down), "t.yml:1", null, Map.of(), 1, List.of());
        RulePoller poller = new RulePoller(List.of(limited), Duration.ofSeconds(30), (expr, time) -> List.copyOf(
                downSeries), tracker, selfMonitor, delivered::addAll, status, noObserver(), clock);
        poller.pollGroups(List.of(limited));
        assertThat(deliveredAs("Down")).containsExactly("PENDING", "FIRING");

        delivered.clear();
        downSeries.add(new Sample(Map.of("job", "web"), 0, T0));
        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(limited));

        assertThat(deliveredAs("Down")).as("the firing alert is dropped, as Prometheus drops it").containsExactly(
                "RESOLVED");
        assertThat(tracker.alerts(AlertState.FIRING)).extracting(AlertInstance::ruleName)
                .containsExactly("WatchdogRuleLimitExceeded");
        AlertInstance exceeded = tracker.alerts(AlertState.FIRING).get(0);
        assertThat(exceeded.labels()).containsEntry("rule", "Down").containsEntry("limit", "1");
        assertThat(exceeded.annotation("summary")).isEqualTo("Rule Down (t.yml:1) produced more alerts than its"
                + " group's limit of 1: all its alerts are dropped");
        assertThat(exceeded.annotation("description")).startsWith("The last evaluation gave 2 alerts.");

        delivered.clear();
        downSeries.remove(1);
        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(limited));
        assertThat(deliveredAs("WatchdogRuleLimitExceeded")).containsExactly("RESOLVED");
        assertThat(deliveredAs("Down")).as("back within the limit, the alert starts again").containsExactly(
                "PENDING", "FIRING");
    }

    private static RulePoller.PollObserver noObserver() {
        return new RulePoller.PollObserver() {
            @Override
            public void polled(Instant at, Duration took, boolean reachedPrometheus) {
            }

            @Override
            public void ruleEvaluated(AlertRule rule, String outcome) {
            }
        };
    }
}
