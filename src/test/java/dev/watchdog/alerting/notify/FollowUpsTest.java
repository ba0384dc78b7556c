package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.alerting.StoredAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FollowUpsTest {

    private static final Duration REPEAT = Duration.ofHours(4);
    private static final PostedMessage MESSAGE = new PostedMessage("C0ALERTS", "1600000000.000100");
    private static final Map<String, String> DISK = Map.of("alertname", "DiskFull", "severity", "warning");

    private final StoredAlerts alerts = new StoredAlerts();
    private final RecordingSlackPoster slack = new RecordingSlackPoster();
    private final List<AlertInstance> announced = new ArrayList<>();
    private final List<Long> changed = new ArrayList<>();
    private final Set<String> queued = new HashSet<>();
    private final FollowUps followUps = new FollowUps(alerts.store, alerts.snoozes,
            new Muter(List.of(), alerts.snoozes), slack,
            new AlertViews(alerts.store, alerts.snoozes, List.of(), "http://prometheus:9090",
                    new Router(List.of(), "#alerts")),
            announced::addAll, alert -> queued.contains(alert.fingerprint()), changed::add, REPEAT, alerts.clock);

    @AfterEach
    void close() {
        alerts.close();
    }

    /**
     * The alert fired at the start, was posted (or a post began, or none), maybe was acknowledged
     * or snoozed; then {@code later} passed and the routine ran.
     *
     * @param postBegan a post began at the start (ignored when it is in Slack)
     * @param snoozedFor a snooze made at the start, or null
     * @param firstPass the routine runs for the first time since Watchdog started
     * @param replies what it said in the alert's thread
     */
    record Case(String name, Map<String, String> labels, boolean inSlack, boolean postBegan, boolean acked,
            Duration snoozedFor, Duration later, boolean firstPass, List<String> replies, boolean announcedAgain) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String REMINDER = ":alarm_clock: Still firing after 4h, value 1. Nobody has acknowledged"
            + " it yet.";
    private static final String SNOOZE_ENDED = "<@U0SNOOZER> the snooze has ended and *DiskFull* is still firing.";

    static Stream<Case> cases() {
        Duration hour = Duration.ofHours(1);
        Map<String, String> heartbeat = Map.of("alertname", "Watchdog", "severity", "none");
        return Stream.of(
                new Case("within the repeat interval: nothing", DISK, true, false, false, null, hour.multipliedBy(3),
                        false, List.of(), false),
                new Case("unacknowledged after the repeat interval: reminded", DISK, true, false, false, null, REPEAT,
                        false, List.of(REMINDER), false),
                new Case("acknowledged: never reminded", DISK, true, false, true, null, REPEAT.plus(hour), false,
                        List.of(), false),
                new Case("snoozed: not reminded", DISK, true, false, false, hour.multipliedBy(6), REPEAT.plus(hour),
                        false, List.of(), false),
                new Case("the snooze ended: the snoozer is told instead of a reminder", DISK, true, false, false,
                        hour, REPEAT.plus(hour), false, List.of(SNOOZE_ENDED), false),
                new Case("snoozed before it was ever posted, and the snooze ended: announced now", DISK, false, false,
                        false, hour, hour.plus(hour), false, List.of(), true),
                new Case("the first pass after a start resumes an interrupted post at once", DISK, false, true, false,
                        null, Duration.ofSeconds(1), true, List.of(), true),
                new Case("a failed post is not tried again before five minutes", DISK, false, true, false, null,
                        Duration.ofMinutes(4), false, List.of(), false),
                new Case("a failed post is tried again after five minutes", DISK, false, true, false, null,
                        FollowUps.RETRY_FAILED_POST_AFTER, false, List.of(), true),
                new Case("a post that never began is tried at once", DISK, false, false, false, null,
                        Duration.ofSeconds(1), false, List.of(), true),
                new Case("an unposted snoozed alert is not tried", DISK, false, false, false, hour.multipliedBy(6),
                        hour, false, List.of(), false),
                new Case("the heartbeat is never posted, so never tried again", heartbeat, false, false, false, null,
                        hour, true, List.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void remindsTellsAndRetries(Case c) {
        StoredAlert stored = alerts.fire(c.labels());
        if (c.inSlack()) {
            alerts.store.recordMessage(stored.id(), MESSAGE);
            alerts.store.markNotified(stored.id(), alerts.clock.instant());
        } else if (c.postBegan()) {
            alerts.store.claimPosting(stored.id(), null, alerts.clock.instant());
        }
        if (c.acked()) {
            alerts.store.acknowledge(stored.id(), "U0ACKER", alerts.clock.instant());
        }
        if (c.snoozedFor() != null) {
            alerts.snoozes.snooze(stored.alert(), "U0SNOOZER", c.snoozedFor());
        }
        if (!c.firstPass()) {
            followUps.run();
            announced.clear();
        }

        alerts.clock.advance(c.later());
        followUps.run();

        assertThat(slack.calls()).allSatisfy(reply -> assertThat(reply.threadTs()).isEqualTo(MESSAGE.ts()))
                .extracting(RecordingSlackPoster.Call::text).containsExactlyElementsOf(c.replies());
        assertThat(announced).as("run through the stages again").hasSize(c.announcedAgain() ? 1 : 0);
        assertThat(changed).as("its message redrawn").hasSize(c.replies().contains(SNOOZE_ENDED) ? 1 : 0);
        if (!c.replies().isEmpty()) {
            assertThat(alerts.reload(stored).lastNotifiedAt()).as("the next reminder counts from now")
                    .isEqualTo(alerts.clock.instant());
        }
    }

    @Test
    void anAlertWhoseAnnouncementIsQueuedIsNotAnnouncedTwice() {
        StoredAlert stored = alerts.fire(DISK);
        followUps.run(); // the first pass after a start
        announced.clear();
        queued.add(stored.fingerprint());

        alerts.clock.advance(Duration.ofSeconds(1));
        followUps.run();
        assertThat(announced).as("its own announcement is on its way").isEmpty();

        queued.clear(); // delivered, yet not posted (it failed before its post began): tried again
        followUps.run();
        assertThat(announced).extracting(AlertInstance::fingerprint).containsExactly(stored.fingerprint());
    }
}
