package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Database;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.Sample;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RecordedSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each poll of a rule group is a span: which groups, how many rules and series, errors, whether Prometheus answered. */
class RulePollerTracingTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    @RegisterExtension
    final RecordedSpans spans = new RecordedSpans();

    private final AlertRule down = new AlertRule("Down", "up == 0", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(),
            "api", "t.yml:1");
    private final AlertRule typo = new AlertRule("Typo", "up ==", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(),
            "api", "t.yml:5");
    private final RuleGroup group = new RuleGroup("api", null, List.of(typo, down), "t.yml:1");
    private final SelfMonitor selfMonitor = new SelfMonitor("http://p:9090", 2);
    private final AtomicBoolean unreachable = new AtomicBoolean();
    private final RulePoller poller = new RulePoller(List.of(group), Duration.ofSeconds(30), (expr, time) -> {
        if (unreachable.get()) {
            throw new PrometheusException("connection refused", 0, PrometheusException.UNAVAILABLE, null);
        }
        if (expr.equals("up ==")) {
            throw new PrometheusException("Prometheus rejected 'up =='", 400, PrometheusException.BAD_DATA, null);
        }
        return List.of(new Sample(Map.of("job", "api"), 0, T0), new Sample(Map.of("job", "web"), 0, T0));
    }, new AlertTracker(Stream.concat(group.rules().stream(), selfMonitor.rules().stream()).toList(),
            new AlertTemplates(Map.of()), new SqlAlertStore(Database.inMemory(), Clock.systemUTC())),
            selfMonitor, transitions -> { }, new PollStatus(), new RulePoller.PollObserver() {
                @Override
                public void polled(Instant at, Duration took, boolean reachedPrometheus) {
                }

                @Override
                public void ruleEvaluated(AlertRule rule, String outcome) {
                }
            }, new MutableClock(T0));

    @Test
    void aPollIsASpanWithItsGroupRulesSeriesAndErrors() {
        poller.pollGroups(List.of(group));

        SpanData poll = spans.named("watchdog.poll");
        assertThat(poll.getAttributes().get(AttributeKey.stringKey("watchdog.rule_groups"))).isEqualTo("api");
        assertThat(poll.getAttributes().get(AttributeKey.longKey("watchdog.rules"))).isEqualTo(2);
        assertThat(poll.getAttributes().get(AttributeKey.longKey("watchdog.series"))).isEqualTo(2);
        assertThat(poll.getAttributes().get(AttributeKey.longKey("watchdog.errors"))).isEqualTo(1);
        assertThat(poll.getAttributes().get(AttributeKey.booleanKey("watchdog.prometheus_reached"))).isTrue();
        assertThat(poll.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aPollThatCannotReachPrometheusIsAFailedSpan() {
        unreachable.set(true);

        poller.pollGroups(List.of(group));

        SpanData poll = spans.named("watchdog.poll");
        assertThat(poll.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(poll.getStatus().getDescription()).contains("connection refused");
        assertThat(poll.getAttributes().get(AttributeKey.booleanKey("watchdog.prometheus_reached"))).isFalse();
    }
}
