package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.anomaly.AnomalyFigures;
import dev.watchdog.alerting.anomaly.AnomalyQuery;
import dev.watchdog.alerting.evaluation.GroupQueries;
import dev.watchdog.db.Database;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.Sample;
import dev.watchdog.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A group polled with batched queries gives the same alerts and outcomes as one query per rule. */
class BatchedGroupTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final String RULE_LABEL = GroupQueries.RULE_LABEL;
    private static final Pattern PART = Pattern.compile(
            "label_replace\\((.*?), \"__watchdog_rule__\", \"(\\d+)\", \"\", \"\"\\)(?: or (?=label_replace)|$)");

    private final AnomalyQuery load = new AnomalyQuery("load", Duration.ofHours(1), Duration.ofMinutes(1), 3, null, 10,
            0);
    private final AnomalyQuery queue = new AnomalyQuery("queue", Duration.ofHours(1), Duration.ofMinutes(1), 3, null,
            10, 0);
    private final AlertRule loadRule = anomaly("LoadAnomaly", load);
    private final AlertRule queueRule = anomaly("QueueAnomaly", queue);
    private final AlertRule down = new AlertRule("Down", "up == 0", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(),
            "g", "t.yml:3");
    private final AlertRule typo = new AlertRule("Typo", "up * on() up", Duration.ZERO, Duration.ZERO, Map.of(),
            Map.of(), "g", "t.yml:4");
    private final RuleGroup group = new RuleGroup("g", null, List.of(loadRule, down, typo, queueRule), "t.yml:1",
            Duration.ofSeconds(45), Map.of(), 0, List.of());
    private final Map<String, List<Sample>> answers = new HashMap<>();

    private static AlertRule anomaly(String name, AnomalyQuery query) {
        return new AlertRule(name, query.promql(), Duration.ZERO, Duration.ZERO, Map.of(),
                Map.of("summary", "{{ $labels.job }}: {{ $observed }} against {{ $expected }}"), "g", "t.yml:1")
                .withFigures(query.figures());
    }

    private static Sample figure(String job, String figure, double value) {
        return new Sample(Map.of("job", job, AnomalyFigures.LABEL, figure), value, T0);
    }

    {
        answers.put(loadRule.query(), List.of(new Sample(Map.of("job", "api"), 4, T0)));
        answers.put(queueRule.query(), List.of(new Sample(Map.of("job", "worker"), -5, T0)));
        answers.put(down.query(), List.of(new Sample(Map.of("job", "db"), 0, T0)));
        answers.put(loadRule.figures(), List.of(figure("api", "observed", 130), figure("api", "expected", 100)));
        answers.put(queueRule.figures(), List.of(figure("worker", "observed", 1), figure("worker", "expected", 9)));
    }

    private List<Sample> prometheus(String expr) {
        if (expr.equals(typo.query())) {
            throw new PrometheusException("Prometheus rejected it (execution): many-to-many matching not allowed",
                    422, PrometheusException.EXECUTION, null);
        }
        if (!expr.contains(RULE_LABEL)) {
            return answers.getOrDefault(expr, List.of());
        }
        List<Sample> union = new ArrayList<>();
        Matcher part = PART.matcher(expr);
        while (part.find()) {
            for (Sample sample : prometheus(part.group(1))) {
                Map<String, String> labels = new HashMap<>(sample.labels());
                labels.put(RULE_LABEL, part.group(2));
                union.add(new Sample(labels, sample.value(), sample.timestamp()));
            }
        }
        return union;
    }

    private record Polled(List<String> queries, List<String> outcomes, List<String> alerts) {
    }

    private Polled poll(boolean batch) {
        SelfMonitor selfMonitor = new SelfMonitor("http://p:9090", 3);
        AlertTracker tracker = new AlertTracker(Stream.concat(group.rules().stream(), selfMonitor.rules().stream())
                .toList(), new AlertTemplates(Map.of()), new SqlAlertStore(Database.inMemory(), Clock.systemUTC()));
        List<String> queries = new ArrayList<>();
        RecordingPollObserver observer = new RecordingPollObserver();
        RulePoller poller = new RulePoller(List.of(group), Duration.ofSeconds(30), new GroupQueries((expr, time) -> {
            queries.add((expr.contains(RULE_LABEL) ? "batch" : "single") + " @ " + time);
            return prometheus(expr);
        }, batch), tracker, selfMonitor, transitions -> { }, new PollStatus(), observer, new MutableClock(T0),
                Runnable::run);
        poller.pollGroups(List.of(group));
        List<String> alerts = tracker.alerts(AlertState.FIRING).stream()
                .map(alert -> alert.ruleName() + " " + alert.labels() + " " + alert.annotations()).sorted().toList();
        return new Polled(queries, observer.outcomes, alerts);
    }

    @Test
    void anomalyFiguresAreOneMoreBatchAndEverythingElseIsAsWithOneQueryPerRule() {
        Polled single = poll(false);
        Polled batched = poll(true);

        Instant offset = T0.minusSeconds(45);
        assertThat(batched.queries()).as("rules and figures in a batch each; the failing batch asked again rule by"
                + " rule; all at the group's query_offset").containsExactly("batch @ " + offset,
                "single @ " + offset, "single @ " + offset, "single @ " + offset, "single @ " + offset,
                "batch @ " + offset);
        assertThat(single.queries()).hasSize(6);
        assertThat(batched.alerts()).isEqualTo(single.alerts()).hasSize(4).anySatisfy(alert -> assertThat(alert)
                .contains("summary=worker: 1 against 9"));
        assertThat(batched.outcomes()).isEqualTo(single.outcomes()).contains("Typo:query_error");
    }
}
