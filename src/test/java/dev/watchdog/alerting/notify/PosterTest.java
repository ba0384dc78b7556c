package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.slack.PostedMessage;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.StoredAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PosterTest {

    private static final Snooze OUTGROWN = new Snooze("key", "U0SNOOZER", StoredAlerts.T0.plusSeconds(3600),
            StoredAlerts.T0, "warning");

    private final StoredAlerts alerts = new StoredAlerts();
    private final RecordingSlackPoster slack = new RecordingSlackPoster();
    private final Router router = new Router(List.of(), "#alerts");
    private final Poster stage = new Poster(slack, alerts.store,
            new AlertViews(alerts.store, alerts.snoozes, List.of(), "http://prometheus:9090", router), new ThreadOpenings());

    /** What listeners heard: the alert, its thread and whether it starts that thread. */
    record Told(long id, PostedMessage thread) {
    }

    private final List<Told> told = new ArrayList<>();

    @AfterEach
    void close() {
        alerts.close();
    }

    /**
     * @param outgrown the snooze it outgrew, or null
     * @param replies what is said in its thread right after the post
     */
    record Case(String name, Snooze outgrown, List<String> replies) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("alone: tagged in its channel, starting its own thread", null, List.of()),
                new Case("it outgrew a snooze: its thread says the snooze no longer applies", OUTGROWN,
                        List.of(":arrow_up: Severity rose to *critical*: the snooze by <@U0SNOOZER> no longer"
                                + " applies.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void postsRecordsAndTells(Case c) {
        stage.onAnnounced((alert, thread) -> told.add(new Told(alert.id(), thread)));
        StoredAlert stored = alerts.fire(Map.of("alertname", "DiskFull", "severity", "critical"));
        Announcement announcement = Announcement.of(stored, alerts.clock.instant())
                .routedTo(router.destination(stored.alert()));
        if (c.outgrown() != null) {
            announcement = announcement.outgrowing(c.outgrown());
        }

        stage.apply(announcement);

        RecordingSlackPoster.Call post = slack.calls().get(0);
        assertThat(post.method()).isEqualTo("postTagged");
        assertThat(post.channel()).isEqualTo("C0ALERTS");
        assertThat(post.threadTs()).isNull();
        assertThat(post.text()).startsWith("[FIRING] DiskFull");
        PostedMessage posted = new PostedMessage(post.channel(), post.ts());
        StoredAlert after = alerts.reload(stored);
        assertThat(after.message()).as("where it landed is recorded").isEqualTo(posted);
        assertThat(after.postStartedAt()).isEqualTo(alerts.clock.instant());
        assertThat(after.lastNotifiedAt()).as("reminders count from now").isEqualTo(alerts.clock.instant());
        assertThat(alerts.store.channelId("#alerts")).as("a channel's id is remembered from a post of its own")
                .isEqualTo(Optional.of("C0ALERTS"));
        assertThat(told).containsExactly(new Told(stored.id(), posted));
        assertThat(slack.calls().subList(1, slack.calls().size()))
                .allSatisfy(reply -> assertThat(reply.threadTs()).isEqualTo(posted.ts()))
                .extracting(RecordingSlackPoster.Call::text).containsExactlyElementsOf(c.replies());
    }
}
