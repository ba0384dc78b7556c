package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.watchdog.alerting.evaluation.GroupQueries;
import dev.watchdog.db.Database;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.prometheus.Sample;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.LogCapture;
import dev.watchdog.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rule groups evaluated at the same time on a bounded pool, each in its own rule order. Latches, never timing. */
class ConcurrentGroupsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final long WAIT_SECONDS = 10;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final SelfMonitor selfMonitor = new SelfMonitor("http://p:9090", 3);
    private final Database database = Database.inMemory();
    private final MutableClock clock = new MutableClock(T0);
    private final List<AlertTransition> delivered = new CopyOnWriteArrayList<>();
    private final RecordingPollObserver observer = new RecordingPollObserver();
    private final List<String> missed = observer.missed;
    private final List<String> evaluated = observer.evaluated;
    private final PollStatus status = new PollStatus();

    @AfterEach
    void close() {
        pool.shutdownNow();
        database.close();
    }

    private static AlertRule rule(String group, String name) {
        return new AlertRule(name, name.toLowerCase() + " > 0", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(),
                group, group + ".yml:" + name.length());
    }

    private AlertTracker tracker(List<RuleGroup> groups) {
        return new AlertTracker(Stream.concat(groups.stream().flatMap(group -> group.rules().stream()),
                selfMonitor.rules().stream()).toList(), new AlertTemplates(Map.of()),
                new SqlAlertStore(database, Clock.systemUTC()));
    }

    private RulePoller poller(List<RuleGroup> groups, AlertTracker tracker, RuleQuery query) {
        return new RulePoller(groups, Duration.ofSeconds(30), new GroupQueries(query, false), tracker, selfMonitor,
                delivered::addAll, status, observer, clock, pool);
    }

    private static List<Sample> one(String job) {
        return List.of(new Sample(Map.of("job", job), 1, T0));
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void twoGroupsAreEvaluatedAtTheSameTime() {
        RuleGroup a = new RuleGroup("a", null, List.of(rule("a", "A")), "a.yml:1");
        RuleGroup b = new RuleGroup("b", null, List.of(rule("b", "B")), "b.yml:1");
        CountDownLatch aQuerying = new CountDownLatch(1);
        CountDownLatch bQuerying = new CountDownLatch(1);
        Map<String, Boolean> sawTheOther = new ConcurrentHashMap<>();
        RulePoller poller = poller(List.of(a, b), tracker(List.of(a, b)), (expr, time) -> {
            // each group's query waits until the other's has started: sequential groups would never see it
            boolean isA = expr.startsWith("a");
            (isA ? aQuerying : bQuerying).countDown();
            sawTheOther.put(expr, await(isA ? bQuerying : aQuerying));
            return one(isA ? "a" : "b");
        });

        poller.pollGroups(List.of(a, b));

        assertThat(sawTheOther).containsEntry("a > 0", true).containsEntry("b > 0", true);
        assertThat(delivered).extracting(t -> t.alert().ruleName() + " " + t.kind())
                .containsExactlyInAnyOrder("A PENDING", "A FIRING", "B PENDING", "B FIRING");
        assertThat(evaluated).containsExactlyInAnyOrder("a@" + T0, "b@" + T0);
    }

    @Test
    void theRulesOfOneGroupRunOneAfterAnotherInTheirOrder() {
        List<AlertRule> rules = IntStream.range(0, 6).mapToObj(i -> rule("g", "R" + "x".repeat(i))).toList();
        RuleGroup g = new RuleGroup("g", null, rules, "g.yml:1");
        RuleGroup other = new RuleGroup("other", null, List.of(rule("other", "O")), "o.yml:1");
        List<String> asked = new CopyOnWriteArrayList<>();
        AtomicInteger inGroupAtOnce = new AtomicInteger();
        List<Integer> overlaps = new CopyOnWriteArrayList<>();
        RulePoller poller = poller(List.of(g, other), tracker(List.of(g, other)), (expr, time) -> {
            if (expr.startsWith("r")) {
                overlaps.add(inGroupAtOnce.incrementAndGet());
                asked.add(expr);
                inGroupAtOnce.decrementAndGet();
            }
            return List.of();
        });

        poller.pollGroups(List.of(g, other));

        assertThat(asked).containsExactlyElementsOf(rules.stream().map(AlertRule::query).toList());
        assertThat(overlaps).containsOnly(1);
    }

    @Test
    void aTickThatComesWhileTheGroupStillRunsIsSkippedCountedAndWarnedOncePerStreak() {
        RuleGroup slow = new RuleGroup("slow", null, List.of(rule("slow", "S")), "s.yml:1");
        CountDownLatch querying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger queries = new AtomicInteger();
        RulePoller poller = poller(List.of(slow), tracker(List.of(slow)), (expr, time) -> {
            if (queries.incrementAndGet() == 1) {
                querying.countDown();
                await(release);
            }
            return List.of();
        });
        try (LogCapture logs = LogCapture.open()) {
            int mark = logs.mark();

            poller.tick(slow, T0);
            assertThat(await(querying)).isTrue();
            poller.tick(slow, T0.plusSeconds(30));
            poller.tick(slow, T0.plusSeconds(60));

            assertThat(missed).containsExactly("slow", "slow");
            assertThat(warnings(logs, mark)).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("group slow: its evaluation is still running at its next tick"));

            release.countDown();
            Await.until(Duration.ofSeconds(WAIT_SECONDS), () -> evaluated.size() == 1, () -> "the evaluation ended");
            Await.until(Duration.ofSeconds(WAIT_SECONDS), () -> {
                int skipped = missed.size();
                poller.tick(slow, T0.plusSeconds(90)); // skipped until the ended evaluation has cleared its flag
                return missed.size() == skipped; // taken: ticking again could start a third evaluation
            }, () -> "the next tick runs");
            Await.until(Duration.ofSeconds(WAIT_SECONDS), () -> queries.get() == 2, () -> "it queries");
            Await.until(Duration.ofSeconds(WAIT_SECONDS), () -> evaluated.size() == 2, () -> "it ended");
        }
        assertThat(evaluated).containsExactly("slow@" + T0, "slow@" + T0.plusSeconds(90));
    }

    private static List<String> warnings(LogCapture logs, int mark) {
        return logs.since(mark, Level.WARN).stream().filter(event -> event.getLoggerName().equals(
                RulePoller.class.getName())).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void anUnreachablePrometheusChangesNoAlertOfThatGroupWhileAnotherGroupGoesOn() {
        AlertRule first = rule("a", "First");
        AlertRule second = rule("a", "Second");
        RuleGroup a = new RuleGroup("a", null, List.of(first, second), "a.yml:1");
        RuleGroup b = new RuleGroup("b", null, List.of(rule("b", "B")), "b.yml:1");
        Map<String, List<Sample>> answers = new ConcurrentHashMap<>(Map.of(first.query(), one("a"),
                second.query(), one("a"), "b > 0", one("b")));
        AlertTracker tracker = tracker(List.of(a, b));
        RulePoller poller = poller(List.of(a, b), tracker, (expr, time) -> {
            List<Sample> answer = answers.get(expr);
            if (answer == null) {
                throw new PrometheusException("Prometheus at http://p:9090 is unreachable (connection refused)", 0,
                        PrometheusException.UNAVAILABLE, null);
            }
            return answer;
        });
        poller.pollGroups(List.of(a, b));
        delivered.clear();

        answers.put(first.query(), List.of()); // were it read, First would resolve
        answers.remove(second.query()); // ... but the group's second query finds Prometheus gone
        answers.put("b > 0", List.of());
        clock.advance(Duration.ofSeconds(30));
        poller.pollGroups(List.of(a, b));

        assertThat(delivered).extracting(t -> t.alert().ruleName() + " " + t.kind()).containsExactly("B RESOLVED");
        assertThat(tracker.alerts(AlertState.FIRING)).extracting(AlertInstance::ruleName)
                .containsExactlyInAnyOrder("First", "Second");
    }

    @Test
    void aGroupEvaluationWithTransitionsIsOneInfoLineWithCountsAndTheFirstFiveNames() {
        List<AlertRule> rules = new ArrayList<>();
        for (String name : List.of("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf")) {
            rules.add(rule("api", name));
        }
        RuleGroup api = new RuleGroup("api", null, rules, "api.yml:1");
        RulePoller poller = poller(List.of(api), tracker(List.of(api)), (expr, time) -> List.of(
                new Sample(Map.of("job", "a"), 1, T0), new Sample(Map.of("job", "b"), 1, T0)));
        try (LogCapture logs = LogCapture.open()) {
            int mark = logs.mark();

            poller.pollGroups(List.of(api));

            List<String> lines = logs.since(mark, Level.INFO).stream()
                    .filter(event -> event.getLoggerName().equals(RulePoller.class.getName()))
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).singleElement().satisfies(line -> assertThat(line).matches(
                    "group api: 14 firing, 14 pending \\(7 rules, \\d+ ms\\): Alpha, Bravo, Charlie, Delta, Echo"
                            + " and 2 more"));
        }
        assertThat(delivered).hasSize(28);
    }
}
