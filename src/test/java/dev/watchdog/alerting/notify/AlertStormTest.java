package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertStorm;
import dev.watchdog.alerting.AlertTransition;
import dev.watchdog.alerting.AlertingSettings;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.slack.DeliveryBacklog;
import dev.watchdog.slack.HostileText;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An alert storm through the notifier, as a poll or a webhook delivers it: one message in the channel, updated in
 * place with the counts, and nothing in its thread per alert.
 */
class AlertStormTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int THRESHOLD = 3;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final List<String> SEVERITIES = List.of("critical", "warning", "info");

    private final StoredAlerts alerts = new StoredAlerts();
    private final RecordingSlackPoster slack = new RecordingSlackPoster();
    private final AlertViews views = new AlertViews(alerts.store, alerts.snoozes, List.of(), "http://prometheus:9090",
            new Router(List.of(), "#alerts"));
    private final AlertingSettings settings = new AlertingSettings(Duration.ofHours(4), StoredAlerts.SNOOZE_OPTIONS,
            THRESHOLD, WINDOW, List.of());
    private final List<ScheduledExecutorService> threads = new ArrayList<>();
    private final List<Long> investigated = new ArrayList<>();
    private AlertNotifier notifier = start();
    private int fired;

    /** A notifier over the store, as after a (re)start. */
    private AlertNotifier start() {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
        threads.add(thread);
        AlertNotifier started = new AlertNotifier(writeClass -> thread, new DeliveryBacklog(alerts.clock), slack, alerts.store,
                alerts.storms, views, alerts.snoozes, settings, alerts.clock);
        started.onAnnounced((alert, where) -> investigated.add(alert.id()));
        return started;
    }

    @AfterEach
    void close() throws InterruptedException {
        for (ScheduledExecutorService thread : threads) {
            thread.shutdown();
            assertThat(thread.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
        alerts.close();
    }

    /** Fires {@code count} alerts in one batch: alert i is named {@code Name<i % names>}, severities in turn. */
    private List<StoredAlert> fire(int count, int names) {
        List<StoredAlert> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = fired++;
            stored.add(alerts.fire(Map.of("alertname", String.format("Name%02d", n % names), "instance", "host-" + n,
                    "severity", SEVERITIES.get(n % SEVERITIES.size()))));
        }
        notifier.onTransitions(stored.stream()
                .map(alert -> new AlertTransition(AlertTransition.Kind.FIRING, alert.alert())).toList());
        return stored;
    }

    private void resolve(List<StoredAlert> resolving) {
        List<AlertTransition> transitions = new ArrayList<>();
        for (StoredAlert stored : resolving) {
            AlertInstance alert = stored.alert();
            AlertInstance resolved = new AlertInstance(alert.fingerprint(), alert.ruleName(), alert.labels(),
                    alert.annotations(), AlertState.RESOLVED, alert.value(), alert.activeAt(), alert.firedAt(),
                    alerts.clock.instant(), null);
            alerts.store.syncAlerts("test/" + alert.fingerprint(), List.of(resolved), List.of());
            transitions.add(new AlertTransition(AlertTransition.Kind.RESOLVED, resolved));
        }
        notifier.onTransitions(transitions);
    }

    private RecordingSlackPoster.Call stormPost() {
        return Await.value(TIMEOUT, () -> slack.calls("postTagged").stream()
                .filter(call -> call.text().startsWith("Alert storm")).findFirst(), () -> "no storm: " + slack.calls());
    }

    /** Waits until the storm's message says {@code text}; returns everything it shows. */
    private String awaitShown(RecordingSlackPoster.Call storm, String text) {
        Await.until(TIMEOUT, () -> slack.shown(storm.ts()).text().equals(text),
                () -> "the storm's message shows " + slack.shown(storm.ts()).text() + ", not " + text);
        return String.join("\n", HostileText.mrkdwnOf(slack.shown(storm.ts())));
    }

    /** Three alerts alone (at the threshold), then a storm of {@code members} alerts: its message once drawn. */
    private RecordingSlackPoster.Call stormOf(int members, int names, List<StoredAlert> joined) {
        fire(3, 1);
        joined.addAll(fire(members, names));
        RecordingSlackPoster.Call storm = stormPost();
        awaitShown(storm, "Alert storm: " + members + " alerts, " + members + " firing");
        return storm;
    }

    private void followUp() {
        notifier.followUpNow().join();
    }

    @Test
    void aStormIsOneMessageUpdatedInPlaceWithCountsByNameAndSeverity() {
        List<StoredAlert> before = fire(2, 1);
        List<StoredAlert> batch = fire(300, 12); // together with the two before, past the threshold: all one storm
        List<StoredAlert> later = fire(30, 12);

        RecordingSlackPoster.Call storm = stormPost();
        String shown = awaitShown(storm, "Alert storm: 330 alerts, 330 firing");

        assertThat(slack.calls("postTagged")).as("two alerts alone, then the storm's one message").hasSize(3);
        assertThat(slack.calls("post")).as("no reply per alert").isEmpty();
        assertThat(slack.calls("update")).as("redrawn in place, the joins of a burst in one edit")
                .allSatisfy(update -> assertThat(update.ts()).isEqualTo(storm.ts())).hasSizeLessThanOrEqualTo(2);
        // members are alerts 2..331: severities in turn (critical for 3, 6, …), names Name00..Name11 in turn
        assertThat(shown).contains("*By severity*: critical 110 (110 firing) · warning 110 (110 firing)"
                + " · info 110 (110 firing)");
        // 27 of each name, and one more of Name02..Name07 (alerts 326..331): most frequent first, ties by name
        assertThat(shown).contains("*By alert*: Name02 ×28, Name03 ×28, Name04 ×28, Name05 ×28, Name06 ×28,"
                + " Name07 ×28, Name00 ×27, Name01 ×27, Name08 ×27, Name09 ×27 and 2 more names");
        StoredAlert worst = batch.get(1);
        assertThat(worst.alert().severity()).isEqualTo("critical");
        assertThat(shown).contains("*Worst first*\n:red_circle: *Name03* `#" + worst.shortId() + "`");
        assertThat(alerts.storms.members(alerts.storms.open().get(0).id())).hasSize(330)
                .allSatisfy(member -> assertThat(member.inSlack()).isFalse())
                .noneMatch(member -> before.stream().anyMatch(alone -> alone.id() == member.id()))
                .anyMatch(member -> member.id() == later.get(29).id());
        assertThat(investigated).as("two alerts alone and the storm's first, in the storm's thread")
                .containsExactly(before.get(0).id(), before.get(1).id(), batch.get(0).id());
    }

    @Test
    void membersResolvingChangeOnlyTheCounts() {
        List<StoredAlert> members = new ArrayList<>();
        RecordingSlackPoster.Call storm = stormOf(10, 2, members);

        resolve(members.subList(0, 4));

        String shown = awaitShown(storm, "Alert storm: 10 alerts, 6 firing");
        assertThat(shown).contains("10 alerts since").contains("6 firing, 4 resolved");
        assertThat(slack.calls("post")).as("no resolution reply per alert").isEmpty();
    }

    @Test
    void aChangeWhoseEditACrashLostIsDrawnAfterTheRestart() {
        List<StoredAlert> members = new ArrayList<>();
        RecordingSlackPoster.Call storm = stormOf(5, 1, members);
        AlertStorm stored = alerts.storms.open().get(0);
        // Written to the store, then the process died before the edit was sent.
        alerts.store.acknowledge(members.get(2).id(), "U0ONCALL", alerts.clock.instant());
        assertThat(alerts.storms.lagging()).extracting(AlertStorm::id).containsExactly(stored.id());

        notifier = start();
        followUp();

        assertThat(String.join("\n", HostileText.mrkdwnOf(slack.shown(storm.ts()))))
                .contains("1 of 5 firing acknowledged");
        assertThat(alerts.storms.lagging()).isEmpty();
        assertThat(slack.calls("postTagged")).as("the storm is not posted again").hasSize(4);
    }

    @Test
    void aStormWhosePostACrashCutOffIsFoundNotPostedTwice() {
        List<StoredAlert> members = List.of(alerts.fire(Map.of("alertname", "DiskFull", "instance", "a")),
                alerts.fire(Map.of("alertname", "DiskFull", "instance", "b")));
        alerts.store.rememberChannel("#alerts", "C0ALERTS");
        AlertStorm cutOff = alerts.storms.start("#alerts", alerts.clock.instant(),
                members.stream().map(StoredAlert::id).toList());
        PostedMessage inSlack = new PostedMessage("C0ALERTS", "1700000000.000200");
        slack.hasInHistory("C0ALERTS", MessageTag.storm(cutOff.id()), inSlack);
        AlertStorm neverPosted = alerts.storms.start("#db", alerts.clock.instant(),
                List.of(alerts.fire(Map.of("alertname", "DbDown")).id()));

        followUp();

        assertThat(alerts.storms.storm(cutOff.id()).orElseThrow().message()).isEqualTo(inSlack);
        assertThat(slack.calls("postTagged")).as("only the storm that never reached Slack is posted")
                .singleElement().satisfies(post -> assertThat(post.channel()).isEqualTo("C0DB"));
        assertThat(alerts.storms.storm(neverPosted.id()).orElseThrow().inSlack()).isTrue();
    }

    @Test
    void membersAreNeverPostedLaterAndTheStormIsRemindedOnceNotPerMember() {
        RecordingSlackPoster.Call storm = stormOf(20, 4, new ArrayList<>());

        alerts.clock.advance(FollowUps.RETRY_FAILED_POST_AFTER.plusMinutes(1));
        followUp();
        alerts.clock.advance(settings.repeatInterval());
        followUp();

        assertThat(slack.calls("postTagged")).as("no member posted as a failed post").hasSize(4);
        assertThat(slack.calls("post")).as("the three alerts alone are reminded as ever").hasSize(4)
                .filteredOn(post -> storm.ts().equals(post.threadTs()))
                .as("one reminder for the storm, in its thread").singleElement()
                .satisfies(reminder -> assertThat(reminder.text())
                        .startsWith(":alarm_clock: 20 alerts of this storm are still firing"));
    }

    @Test
    void aStormEndsAfterAQuietWindowAndLaterAlertsArePostedAlone() {
        RecordingSlackPoster.Call storm = stormOf(4, 1, new ArrayList<>());

        alerts.clock.advance(WINDOW.plusSeconds(1));
        followUp();
        String shown = awaitShown(storm, "Alert storm: 4 alerts, 4 firing (ended)");
        fire(1, 1);

        assertThat(shown).contains("*Alert storm ended*");
        assertThat(alerts.storms.open()).isEmpty();
        Await.until(TIMEOUT, () -> slack.calls("postTagged").size() == 5, () -> "not posted: " + slack.calls());
        assertThat(slack.calls("postTagged").get(4).text()).startsWith("[FIRING] Name00");
    }
}
