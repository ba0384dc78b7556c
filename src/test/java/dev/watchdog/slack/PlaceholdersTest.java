package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.watchdog.db.Database;
import dev.watchdog.slack.ScriptedSlackPoster.Call;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.StoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Placeholders a crash left behind are finished by the next leader; those of live replicas are left alone. */
abstract class PlaceholdersTest extends StoreContract<Placeholders> {

    private static final String CHANNEL = "C0ALERTS";
    private static final String THREAD = "1790000000.000100";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
    private final ScriptedSlackPoster slack = new ScriptedSlackPoster(clock, Map.of());
    private String replica = "pod-a/1/aaaaaa";

    @Override
    protected Placeholders storeOver(Database database) {
        return new Placeholders(database, replica, clock);
    }

    /** The process dies and a new one, with a new id, opens the store. */
    private void crashAndRestartAs(String newReplica) {
        replica = newReplica;
        restart();
    }

    /** Opens and posts a placeholder, as the work does before it starts. */
    private MessageTag posted(Placeholders placeholders, Placeholders.Purpose purpose) {
        MessageTag tag = placeholders.opening(CHANNEL, THREAD, purpose);
        placeholders.posted(tag, slack.postTaggedReply(CHANNEL, THREAD, SlackMessage.text("Looking into it…"), tag));
        clock.advance(Duration.ofSeconds(1));
        return tag;
    }

    @Test
    void aCrashedProcesssPlaceholdersAreFinishedOnceWithWhatTheyStoodFor() {
        posted(store, Placeholders.Purpose.ANSWER);
        posted(store, Placeholders.Purpose.INVESTIGATION);

        crashAndRestartAs("pod-a/2/bbbbbb");

        assertThat(store.finishInterrupted(Set.of("pod-a/2/bbbbbb"), slack)).isEqualTo(2);
        assertThat(slack.calls()).extracting(Call::method, Call::text).endsWith(
                tuple("chat.update", Placeholders.Purpose.ANSWER.interrupted()),
                tuple("chat.update", Placeholders.Purpose.INVESTIGATION.interrupted()));
        assertThat(store.finishInterrupted(Set.of(), slack)).as("nothing is finished twice").isZero();
        assertThat(slack.calls()).hasSize(4);
    }

    @Test
    void aPlaceholderWhosePostsAnswerACrashCutOffIsFoundInItsThreadOrTheThreadIsTold() {
        store.opening(CHANNEL, THREAD, Placeholders.Purpose.ANSWER); // died before Slack answered the post

        crashAndRestartAs("pod-a/2/bbbbbb");

        assertThat(store.finishInterrupted(Set.of(), slack)).isEqualTo(1);
        // the scripted Slack has no such reply, so the person is told in the thread instead
        assertThat(slack.calls()).extracting(Call::method, Call::text).containsExactly(
                tuple("conversations.replies", null),
                tuple("chat.postMessage", Placeholders.Purpose.ANSWER.interrupted()));
    }

    @Test
    void workStillRunningHereOrOnALiveReplicaIsNotTouched() {
        posted(store, Placeholders.Purpose.ANSWER);
        posted(new Placeholders(database, "pod-b/1/cccccc", clock), Placeholders.Purpose.INVESTIGATION);

        assertThat(store.finishInterrupted(Set.of("pod-b/1/cccccc"), slack)).isZero();
        assertThat(slack.calls()).extracting(Call::method).containsOnly("chat.postMessage");
    }

    @Test
    void aPlaceholderWhoseWorkIsDoneIsForgotten() {
        store.done(posted(store, Placeholders.Purpose.ANSWER));

        crashAndRestartAs("pod-a/2/bbbbbb");

        assertThat(store.finishInterrupted(Set.of(), slack)).isZero();
        assertThat(slack.calls()).hasSize(1);
    }

    @Test
    void onePlaceholderSlackRefusesForGoodDoesNotStopTheOthersAndIsForgotten() {
        posted(store, Placeholders.Purpose.ANSWER);
        posted(store, Placeholders.Purpose.INVESTIGATION);
        crashAndRestartAs("pod-a/2/bbbbbb");
        slack.failNext(new SlackCallFailed("chat.update", "message_not_found"));

        assertThat(store.finishInterrupted(Set.of(), slack)).isEqualTo(1);
        assertThat(store.finishInterrupted(Set.of(), slack)).isZero();
        assertThat(slack.calls()).hasSize(4);
    }
}
