package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RulePollerTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private final AlertRule down = new AlertRule("Down", "up == 0", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(),
            "g", "t.yml:1");
    private final AlertRule typo = new AlertRule("Typo", "up ==", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(),
            "g", "t.yml:5");
    private final RuleGroup group = new RuleGroup("g", null, List.of(typo, down), "t.yml:1");
    private final AlertTracker tracker = new AlertTracker(group.rules(), new AlertTemplates(Map.of()));
    private final PollStatus status = new PollStatus();
    private final List<AlertTransition> delivered = new ArrayList<>();
    private final List<String> outcomes = new ArrayList<>();
    private final AtomicReference<RuntimeException> prometheusFailure = new AtomicReference<>();
    private final List<Sample> downSeries = new ArrayList<>(List.of(new Sample(Map.of("job", "api"), 0, T0)));
    private Instant now = T0;

    private final RulePoller poller = new RulePoller(List.of(group), Duration.ofSeconds(30), (expr, time) -> {
        if (prometheusFailure.get() != null) {
            throw prometheusFailure.get();
        }
        if (expr.equals("up ==")) {
            throw new PrometheusException("Prometheus rejected 'up =='", 400, PrometheusException.BAD_DATA, null);
        }
        return List.copyOf(downSeries);
    }, tracker, delivered::addAll, status, new RulePoller.PollObserver() {
        @Override
        public void polled(Instant at, Duration took, boolean reachedPrometheus) {
            outcomes.add("poll:" + reachedPrometheus);
        }

        @Override
        public void ruleEvaluated(AlertRule rule, String outcome) {
            outcomes.add(rule.name() + ":" + outcome);
        }
    }, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aRuleWithABadQueryDoesNotStopTheOthers() {
        poller.pollGroups(List.of(group));

        assertThat(outcomes).containsExactly("Typo:query_error", "Down:ok", "poll:true");
        assertThat(delivered).extracting(AlertTransition::kind)
                .containsExactly(AlertTransition.Kind.PENDING, AlertTransition.Kind.FIRING);
        assertThat(status.snapshot().reachable()).isTrue();
    }

    @Test
    void anUnreachablePrometheusResolvesNothingAndFiresNothing() {
        poller.pollGroups(List.of(group));
        delivered.clear();
        prometheusFailure.set(new PrometheusException("Prometheus at http://p:9090 is unreachable (connection refused)",
                0, PrometheusException.UNAVAILABLE, null));
        downSeries.clear(); // were the failure read as "no series", the alert would resolve

        now = now.plusSeconds(30);
        poller.pollGroups(List.of(group));
        now = now.plusSeconds(30);
        poller.pollGroups(List.of(group));

        assertThat(delivered).isEmpty();
        assertThat(tracker.alerts(AlertState.FIRING)).hasSize(1);
        PollStatus.Snapshot snapshot = status.snapshot();
        assertThat(snapshot.reachable()).isFalse();
        assertThat(snapshot.consecutiveFailures()).isEqualTo(2);
        assertThat(snapshot.lastSuccess()).isEqualTo(T0);
        assertThat(snapshot.lastError()).contains("connection refused");

        prometheusFailure.set(null);
        now = now.plusSeconds(30);
        poller.pollGroups(List.of(group));
        assertThat(delivered).extracting(AlertTransition::kind).containsExactly(AlertTransition.Kind.RESOLVED);
        assertThat(status.snapshot().consecutiveFailures()).isZero();
    }
}
