package dev.watchdog.alerting.slack;

import dev.watchdog.db.Leadership;
import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertTemplates;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.ExternalAlertTracker;
import dev.watchdog.alerting.PollStatus;
import dev.watchdog.alerting.SelfMonitor;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.db.Database;
import java.util.stream.Stream;
import dev.watchdog.prometheus.Sample;
import dev.watchdog.slack.CommandInput;
import dev.watchdog.slack.DeliveryProblems;
import dev.watchdog.slack.WriteClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private final AlertRule rule = new AlertRule("Down", "up == 0", Duration.ofMinutes(5), Duration.ZERO, Map.of(),
            Map.of(), "g", "t.yml:1");
    private final SelfMonitor selfMonitor = new SelfMonitor("http://prom:9090", 3);
    private final SqlAlertStore store = new SqlAlertStore(Database.inMemory(), java.time.Clock.systemUTC());
    private final AlertTracker tracker = new AlertTracker(
            java.util.stream.Stream.concat(Stream.of(rule), selfMonitor.rules().stream()).toList(),
            new AlertTemplates(Map.of()), store);
    private final PollStatus poll = new PollStatus();
    private final dev.watchdog.testing.MutableClock clock = new dev.watchdog.testing.MutableClock(T0);
    private final DeliveryProblems problems = new DeliveryProblems(new dev.watchdog.slack.DeliveryBacklog(clock));
    private final StatusCommand status = new StatusCommand(tracker, store, poll, selfMonitor, problems,
            "http://prom:9090");

    private String ask() {
        return status.handle(new CommandInput("U1", "C1", "status", List.of())).text();
    }

    @Test
    void listsTheReplicasAndWhichOneLeadsSinceWhenOnlyWhenThereAreSeveral() {
        Leadership.ReplicaStatus leader = new Leadership.ReplicaStatus("pod-a/7/0a1b2c", "pod-a", T0, T0.plusSeconds(90),
                T0.plusSeconds(30));
        Leadership.ReplicaStatus follower = new Leadership.ReplicaStatus("pod-b/7/3d4e5f", "pod-b", T0,
                T0.plusSeconds(91), null);
        StatusCommand two = new StatusCommand(tracker, store, poll, selfMonitor, problems, "http://prom:9090",
                () -> List.of(leader, follower));
        StatusCommand one = new StatusCommand(tracker, store, poll, selfMonitor, problems, "http://prom:9090",
                () -> List.of(leader));

        assertThat(two.handle(new CommandInput("U1", "C1", "status", List.of())).text()).contains("Replicas: 2",
                "• pod-a (pod-a/7/0a1b2c): *leads* since <!date^" + T0.plusSeconds(30).getEpochSecond(),
                "• pod-b (pod-b/7/3d4e5f): serves people, last seen <!date^" + T0.plusSeconds(91).getEpochSecond());
        assertThat(one.handle(new CommandInput("U1", "C1", "status", List.of())).text()).doesNotContain("Replicas");
    }

    @Test
    void showsTheLinesOtherFeaturesAddWhenTheyHaveSomethingToSay() {
        status.withLines(List.of(() -> java.util.Optional.of("Model budget: 10 of 100 tokens this hour"),
                java.util.Optional::empty));

        assertThat(ask()).endsWith("Alerts: 0 firing, 0 pending\nModel budget: 10 of 100 tokens this hour");
    }

    @Test
    void saysWhenPrometheusHasNotBeenPolledYet() {
        assertThat(ask()).contains(":hourglass: Prometheus (http://prom:9090): not polled yet", "Last poll: never",
                "Rules: 1", "Alerts: 0 firing, 0 pending");
    }

    @Test
    void countsAlertsAndShowsTheLastPoll() {
        tracker.evaluate(rule, List.of(new Sample(Map.of("job", "a"), 0, T0), new Sample(Map.of("job", "b"), 0, T0)), T0);
        poll.succeeded(T0);

        assertThat(ask()).contains("reachable", "Last poll: <!date^" + T0.getEpochSecond(),
                "Alerts: 0 firing, 2 pending");
    }

    @Test
    void namesWhatIsFiringFromRulesAndAlertmanagerMostSevereFirstAndCountsTheRest() {
        AlertRule now = new AlertRule("Down", "up == 0", Duration.ZERO, Duration.ZERO, Map.of("severity", "warning"),
                Map.of("summary", "{{ $labels.job }} is down"), "g", "t.yml:1");
        AlertTracker firingAtOnce = new AlertTracker(List.of(now), new AlertTemplates(Map.of()), store);
        List<Sample> jobs = java.util.stream.IntStream.rangeClosed(1, 9)
                .mapToObj(job -> new Sample(Map.of("job", "job" + job), 0, T0)).toList();
        firingAtOnce.evaluate(now, jobs, T0);
        firingAtOnce.evaluate(now, jobs, T0.plusSeconds(30));
        new ExternalAlertTracker(store, transitions -> { }, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC))
                .receive("alertmanager", List.of(
                        external("DiskFull", "critical", "<!channel> disk full"),
                        external("CertExpiring", "info", "cert expires in 20 days"),
                        external("NodeDown", "page", "node-3 is down")));

        String text = ask();

        assertThat(text).contains("Alerts: 12 firing, 0 pending");
        List<String> named = text.lines().filter(line -> line.startsWith("• ")).toList();
        assertThat(named).hasSize(10);
        assertThat(named.get(0)).matches("• `#\\d+` \\*DiskFull\\* critical, from alertmanager · &lt;!channel&gt; disk full");
        assertThat(named.get(1)).matches("• `#\\d+` \\*NodeDown\\* critical, from alertmanager · node-3 is down");
        assertThat(named.get(2)).matches("• `#\\d+` \\*Down\\* warning · job1 is down");
        assertThat(named.subList(2, 10)).allMatch(line -> line.contains("*Down* warning"));
        assertThat(text).endsWith("…and 2 more firing (`/watchdog alerts`)");
    }

    private static dev.watchdog.alerting.ExternalAlert external(String name, String severity, String summary) {
        return new dev.watchdog.alerting.ExternalAlert(Map.of("alertname", name, "severity", severity),
                Map.of("summary", summary), true, T0, null, "http://prom/graph");
    }

    @Test
    void saysItIsBlindWhenPrometheusIsUnreachable() {
        poll.succeeded(T0);
        poll.failed(T0.plusSeconds(30), "connection refused");

        assertThat(ask()).contains(":red_circle: Prometheus (http://prom:9090): *unreachable* for 1 poll(s), alerts"
                + " are frozen until it is back: connection refused");
    }

    @Test
    void listsRulesThatCannotBeEvaluated() {
        selfMonitor.ruleFailed(rule, "bad_data: parse error at char 6");

        assertThat(ask()).contains(":warning: Rule *Down* (t.yml:1) cannot be evaluated: bad_data: parse error at char 6");
    }

    @Test
    void showsSlackDeliveryProblemsWithTheirHint() {
        problems.record(new DeliveryProblems.Problem("#alerts", "chat.postMessage", "not_in_channel", T0,
                "invite the bot: /invite @watchdog in #alerts"));

        assertThat(ask()).contains(":warning: Slack: ", "not_in_channel", "/invite @watchdog in #alerts");
    }

    @Test
    void showsTheSlackBacklogOnlyWhileSomethingWaits() {
        assertThat(ask()).doesNotContain("backlog");
        var oldest = problems.backlog().enqueue();
        clock.advance(java.time.Duration.ofSeconds(95));
        var newer = problems.backlog().enqueue();

        assertThat(ask()).contains(":outbox_tray: Slack backlog: 2 message(s) waiting, the oldest for 1m35s");

        oldest.close();
        newer.close();
        assertThat(ask()).doesNotContain("backlog");
    }

    @Test
    void theBacklogSaysWhatWaitsInEachClass() {
        var bulk = problems.backlog().enqueue(WriteClass.BULK);
        clock.advance(java.time.Duration.ofSeconds(600));
        var edit = problems.backlog().enqueue(WriteClass.INTERACTIVE);
        clock.advance(java.time.Duration.ofSeconds(2));

        assertThat(ask()).contains(":outbox_tray: Slack backlog: 2 message(s) waiting, the oldest for 10m2s:"
                + " interactive 1 (oldest 2s), bulk 1 (oldest 10m2s)");

        edit.close();
        bulk.close();
    }

    @Test
    void rejectsArguments() {
        assertThat(status.handle(new CommandInput("U1", "C1", "status", List.of("x"))).text())
                .isEqualTo("`/watchdog status` takes no arguments.");
    }
}
