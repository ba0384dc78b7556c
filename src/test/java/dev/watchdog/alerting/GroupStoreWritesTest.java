package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Database;
import dev.watchdog.db.StoreException;
import dev.watchdog.prometheus.Sample;
import dev.watchdog.testing.MutableClock;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One store write per group evaluation, holding only the alerts whose stored state changed. */
class GroupStoreWritesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private final AlertRule down = rule("Down", "up == 0", Duration.ZERO);
    private final AlertRule slow = rule("Slow", "latency > 1", Duration.ofSeconds(60));
    private final RuleGroup group = new RuleGroup("api", null, List.of(down, slow), "t.yml:1");
    private final SelfMonitor selfMonitor = new SelfMonitor("http://p:9090", 3);
    private final Database database = Database.inMemory();
    private final SqlAlertStore real = new SqlAlertStore(database, Clock.systemUTC());
    private final RecordingAlertStore recording = new RecordingAlertStore(real);
    private final AlertTracker tracker = new AlertTracker(Stream.concat(group.rules().stream(),
            selfMonitor.rules().stream()).toList(), new AlertTemplates(Map.of()), recording.store());
    private final Map<String, List<Sample>> answers = new HashMap<>();
    private final List<AlertTransition> delivered = new ArrayList<>();
    private final MutableClock clock = new MutableClock(T0);
    private final RulePoller poller = new RulePoller(List.of(group), Duration.ofSeconds(30),
            (expr, time) -> answers.getOrDefault(expr, List.of()), tracker, selfMonitor, delivered::addAll,
            new PollStatus(), new RecordingPollObserver(), clock);

    private static AlertRule rule(String name, String expr, Duration pendingFor) {
        return new AlertRule(name, expr, pendingFor, Duration.ZERO, Map.of(),
                Map.of("summary", "{{ $labels.job }} at {{ $value }}"), "api", "t.yml:" + name.length());
    }

    private void answer(AlertRule rule, double value, String... jobs) {
        answers.put(rule.query(), Stream.of(jobs).map(job -> new Sample(Map.of("job", job), value, T0)).toList());
    }

    private void pollAfter(Duration elapsed) {
        clock.advance(elapsed);
        poller.pollGroups(List.of(group));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aGroupWhoseFiringAlertsDidNotChangeWritesNothingAtItsNextPoll() {
        answer(down, 0, "api", "web");
        poller.pollGroups(List.of(group));
        assertThat(recording.writes()).as("the first poll records both new alerts in one write").hasSize(1);
        assertThat(recording.writes().get(0)).singleElement().satisfies(write -> {
            assertThat(write.ruleKey()).isEqualTo("api/Down");
            assertThat(write.changed()).extracting(AlertInstance::state)
                    .containsExactly(AlertState.FIRING, AlertState.FIRING);
        });

        answer(down, 7, "api", "web"); // a new value alone is not a change of what is stored
        pollAfter(Duration.ofSeconds(30));

        assertThat(recording.writes()).as("no store call at all").hasSize(1);
        assertThat(delivered).as("the first poll's transitions only").extracting(AlertTransition::kind)
                .containsExactly(AlertTransition.Kind.PENDING, AlertTransition.Kind.PENDING,
                        AlertTransition.Kind.FIRING, AlertTransition.Kind.FIRING);
        assertThat(tracker.alerts(AlertState.FIRING)).extracting(alert -> alert.annotation("summary"))
                .as("in memory the value and annotations are current").containsExactly("api at 7", "web at 7");
        assertThat(real.openAlerts()).extracting(stored -> stored.alert().annotation("summary"))
                .as("the store keeps those of the last state change").containsExactly("api at 0", "web at 0");
    }

    @Test
    void aStateChangeInOneRuleOfAGroupIsOneWriteWithOnlyThatAlert() {
        answer(down, 0, "api", "web");
        answer(slow, 3, "api");
        poller.pollGroups(List.of(group));
        pollAfter(Duration.ofSeconds(30));
        int before = recording.writes().size();

        pollAfter(Duration.ofSeconds(30)); // Slow has been pending 60s: it fires now; Down's alerts stay firing

        assertThat(recording.writes()).hasSize(before + 1);
        assertThat(recording.writes().get(before)).singleElement().satisfies(write -> {
            assertThat(write.ruleKey()).isEqualTo("api/Slow");
            assertThat(write.changed()).singleElement().satisfies(alert -> {
                assertThat(alert.state()).isEqualTo(AlertState.FIRING);
                assertThat(alert.firedAt()).isEqualTo(T0.plusSeconds(60));
            });
            assertThat(write.cancelled()).isEmpty();
        });
    }

    @Test
    void aPendingAlertThatEndsIsWrittenAsCancelledAndAResolvedOneAsResolved() {
        answer(down, 0, "api");
        answer(slow, 3, "api");
        poller.pollGroups(List.of(group));
        int before = recording.writes().size();

        answers.clear();
        pollAfter(Duration.ofSeconds(30));

        assertThat(recording.writes()).hasSize(before + 1);
        List<AlertStore.RuleAlerts> write = recording.writes().get(before);
        assertThat(write).extracting(AlertStore.RuleAlerts::ruleKey).containsExactly("api/Down", "api/Slow");
        assertThat(write.get(0).changed()).extracting(AlertInstance::state).containsExactly(AlertState.RESOLVED);
        assertThat(write.get(1).changed()).isEmpty();
        assertThat(write.get(1).cancelled()).extracting(AlertInstance::ruleName).containsExactly("Slow");
        assertThat(real.openAlerts()).isEmpty();
    }

    @Test
    void aFailedWriteRollsBackEveryRuleOfTheGroupAndTheNextPollDeliversTheSameTransitions() {
        answer(down, 0, "api");
        answer(slow, 3, "api");
        recording.failWrites(new StoreException("save alerts of 2 rules", new SQLException("disk I/O error")));

        poller.pollGroups(List.of(group));

        assertThat(delivered).as("nothing recorded, nothing told").isEmpty();
        assertThat(tracker.alerts(AlertState.FIRING)).isEmpty();
        assertThat(tracker.alerts(AlertState.PENDING)).as("Slow went back too, though Down's write failed alike")
                .isEmpty();

        recording.failWrites(null);
        poller.pollGroups(List.of(group));

        assertThat(delivered).extracting(transition -> transition.alert().ruleName() + " " + transition.kind())
                .containsExactly("Down PENDING", "Down FIRING", "Slow PENDING");
        assertThat(real.openAlerts()).extracting(stored -> stored.alert().ruleName()).containsExactly("Down", "Slow");
    }

    @Test
    void aRestartedTrackerWritesNothingForAlertsItFoundInTheStore() {
        answer(down, 0, "api");
        poller.pollGroups(List.of(group));
        AlertTracker restarted = new AlertTracker(tracker.rules(), new AlertTemplates(Map.of()), recording.store());
        assertThat(restarted.restore()).isEqualTo(1);
        int before = recording.writes().size();

        restarted.evaluateGroup(List.of(new RuleSamples(down, answers.get(down.query())),
                new RuleSamples(slow, List.of())), T0.plusSeconds(30), 0);

        assertThat(recording.writes()).hasSize(before);
    }

    @Test
    void anAlertAnotherSourceHeldIsRecordedForTheRuleOnceThatSourcesOccurrenceEnds() {
        answer(down, 0, "api");
        AlertInstance firing = firingFromWebhook(Map.of("alertname", "Down", "job", "api"));

        poller.pollGroups(List.of(group));
        assertThat(real.latest(firing.fingerprint())).map(StoredAlert::ruleKey).as("the webhook raised it first")
                .contains("alertmanager");
        pollAfter(Duration.ofSeconds(30));
        assertThat(recording.writes()).as("offered again while another source holds it").hasSize(2);

        real.syncAlerts("alertmanager", List.of(new AlertInstance(firing.fingerprint(), "Down", firing.labels(),
                Map.of(), AlertState.RESOLVED, Double.NaN, firing.activeAt(), firing.firedAt(), T0, null)), List.of());
        pollAfter(Duration.ofSeconds(30));

        assertThat(real.latest(firing.fingerprint())).hasValueSatisfying(stored -> {
            assertThat(stored.ruleKey()).isEqualTo("api/Down");
            assertThat(stored.alert().state()).isEqualTo(AlertState.FIRING);
        });
        int writes = recording.writes().size();
        pollAfter(Duration.ofSeconds(30));
        assertThat(recording.writes()).as("recorded as the rule's: nothing more to offer").hasSize(writes);
    }

    private AlertInstance firingFromWebhook(Map<String, String> labels) {
        AlertInstance alert = new AlertInstance(Fingerprint.of(labels), "Down", labels, Map.of(), AlertState.FIRING,
                Double.NaN, T0, T0, null, null);
        real.syncAlerts("alertmanager", List.of(alert), List.of());
        return alert;
    }
}
