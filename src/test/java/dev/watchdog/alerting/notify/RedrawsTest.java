package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackCallFailed;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After a crash between the store and Slack, the next round brings every message up to what the store holds. */
class RedrawsTest {

    private final StoredAlerts alerts = new StoredAlerts();
    private final RecordingSlackPoster recording = new RecordingSlackPoster();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** Slack as it is after someone deleted some messages: editing those is refused for good. */
    private final SlackPoster slack = new SlackPoster() {
        @Override
        public PostedMessage post(String channel, String threadTs, SlackMessage message) {
            return recording.post(channel, threadTs, message);
        }

        @Override
        public PostedMessage postTagged(String channel, SlackMessage message, MessageTag tag) {
            return recording.postTagged(channel, message, tag);
        }

        @Override
        public Optional<PostedMessage> findTagged(String channelId, MessageTag tag, Instant since) {
            return recording.findTagged(channelId, tag, since);
        }

        @Override
        public void update(PostedMessage posted, SlackMessage message) {
            if (deleted.contains(posted.ts())) {
                throw new SlackCallFailed("chat.update", "message_not_found");
            }
            recording.update(posted, message);
        }
    };
    private final Router router = new Router(List.of(), "#alerts");
    private final AlertViews views = new AlertViews(alerts.store, alerts.snoozes, List.of(), "http://prometheus:9090",
            router);
    private final Poster poster = new Poster(slack, alerts.store, views, new ThreadOpenings());
    private final Redraws redraws = new Redraws(slack, alerts.store, views, alerts.clock,
            new StormDrawings(slack, alerts.storms, alerts.store));

    @AfterEach
    void close() {
        alerts.close();
    }

    private StoredAlert posted(String name) {
        StoredAlert stored = alerts.fire(Map.of("alertname", name, "severity", "critical"));
        poster.apply(Announcement.of(stored, alerts.clock.instant()).routedTo(router.destination(stored.alert())));
        return alerts.reload(stored);
    }

    @Test
    void aFreshPostShowsWhatTheStoreHoldsSoNothingIsRedrawn() {
        posted("DiskFull");

        assertThat(redraws.catchUp()).isZero();
        assertThat(recording.calls("update")).isEmpty();
    }

    @Test
    void changesRecordedBeforeACrashReachTheirMessagesOnceAndOnlyOnce() {
        StoredAlert acked = posted("DiskFull");
        StoredAlert snoozed = posted("HighLatency");
        StoredAlert untouched = posted("QueueBacklog");
        // the store took the click, the process died before the edit
        alerts.store.acknowledge(acked.id(), "U0ONCALL", alerts.clock.instant());
        alerts.snoozes.snooze(snoozed.alert(), "U0ONCALL", Duration.ofHours(1));

        assertThat(redraws.catchUp()).isEqualTo(2);

        assertThat(recording.calls("update")).extracting(RecordingSlackPoster.Call::ts)
                .containsExactly(acked.message().ts(), snoozed.message().ts())
                .doesNotContain(untouched.message().ts());
        assertThat(alerts.store.lagging()).isEmpty();
        assertThat(redraws.catchUp()).as("a second round finds nothing to do").isZero();
        assertThat(recording.calls("update")).hasSize(2);
    }

    @Test
    void aChangeMadeWhileRunningIsLeftToItsOwnEditForOneRoundThenDrawn() {
        StoredAlert acked = posted("DiskFull");
        assertThat(redraws.catchUp()).as("the first round, at start").isZero();
        // the click is stored; its edit may be queued right now
        alerts.store.acknowledge(acked.id(), "U0ONCALL", alerts.clock.instant());

        assertThat(redraws.catchUp()).as("not drawn twice while its own edit may be on the way").isZero();
        assertThat(recording.calls("update")).isEmpty();
        assertThat(redraws.catchUp()).as("still lagging a round later: the edit was lost").isEqualTo(1);
        assertThat(recording.calls("update")).extracting(RecordingSlackPoster.Call::ts)
                .containsExactly(acked.message().ts());
    }

    @Test
    void aMessageSlackCanNoLongerEditStopsLaggingInsteadOfBeingTriedForever() {
        StoredAlert gone = posted("DiskFull");
        deleted.add(gone.message().ts());
        alerts.store.acknowledge(gone.id(), "U0ONCALL", alerts.clock.instant());

        assertThat(redraws.catchUp()).isZero();

        assertThat(alerts.store.lagging()).isEmpty();
    }
}
