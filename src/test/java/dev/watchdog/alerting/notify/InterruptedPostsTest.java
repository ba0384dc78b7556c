package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.alerting.StoredAlert;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InterruptedPostsTest {

    private static final PostedMessage LANDED = new PostedMessage("C0ALERTS", "1700000000.000100");

    private final StoredAlerts alerts = new StoredAlerts();
    private final RecordingSlackPoster slack = new RecordingSlackPoster();
    private final InterruptedPosts stage = new InterruptedPosts(slack, alerts.store);

    @AfterEach
    void close() {
        alerts.close();
    }

    /**
     * @param postStarted a post began before Watchdog stopped
     * @param knownChannelId the id the store remembers for {@code channel}, or null
     * @param inHistory the tagged message is in the channel's history
     * @param lookedUpIn the channel id whose history is searched, or null for no search
     */
    record Case(String name, boolean postStarted, String channel, String knownChannelId, boolean inHistory,
            boolean goesOn, String lookedUpIn) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no post began: posted without a look", false, "C0ALERTS", null, false, true, null),
                new Case("a post began and reached Slack: recorded, not posted again", true, "C0ALERTS", null, true,
                        false, "C0ALERTS"),
                new Case("a post began but is not in Slack: posted again", true, "C0ALERTS", null, false, true,
                        "C0ALERTS"),
                new Case("a channel by name is looked up by its remembered id", true, "#alerts", "C0ALERTS", true,
                        false, "C0ALERTS"),
                new Case("a channel by name with no known id: posted again without a look", true, "#alerts", null,
                        true, true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aPostACrashInterruptedIsFoundInsteadOfPostedTwice(Case c) {
        StoredAlert stored = alerts.fire(Map.of("alertname", "DiskFull", "severity", "warning"));
        if (c.postStarted()) {
            alerts.store.claimPosting(stored.id(), null, alerts.clock.instant());
        }
        if (c.knownChannelId() != null) {
            alerts.store.rememberChannel(c.channel(), c.knownChannelId());
        }
        if (c.inHistory()) {
            slack.hasInHistory("C0ALERTS", MessageTag.alert(stored.id()), LANDED);
        }

        Optional<Announcement> next = stage.apply(Announcement.of(alerts.reload(stored), alerts.clock.instant())
                .routedTo(new Router.Destination(c.channel(), "")));

        assertThat(next.isPresent()).as("goes on to be posted").isEqualTo(c.goesOn());
        assertThat(slack.calls("findTagged")).extracting(RecordingSlackPoster.Call::channel)
                .containsExactlyElementsOf(c.lookedUpIn() == null ? List.of() : List.of(c.lookedUpIn()));
        assertThat(alerts.reload(stored).message()).as("where it landed is recorded")
                .isEqualTo(c.goesOn() ? null : LANDED);
    }
}
