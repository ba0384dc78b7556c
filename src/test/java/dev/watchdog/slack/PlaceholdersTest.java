package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Database;
import dev.watchdog.slack.ScriptedSlackPoster.Call;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.StoreContract;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Placeholders a crash left behind are finished by the next leader; those of live replicas are left alone. */
abstract class PlaceholdersTest extends StoreContract<Placeholders> {

    private static final PostedMessage QUESTION = new PostedMessage("C0ALERTS", "1790000000.000200");
    private static final PostedMessage ANALYSIS = new PostedMessage("C0ALERTS", "1790000000.000300");

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

    @Test
    void aCrashedProcesssPlaceholdersAreFinishedOnceWithWhatTheyStoodFor() {
        store.opened(QUESTION, Placeholders.Purpose.ANSWER);
        store.opened(ANALYSIS, Placeholders.Purpose.INVESTIGATION);

        crashAndRestartAs("pod-a/2/bbbbbb");

        assertThat(store.finishInterrupted(Set.of("pod-a/2/bbbbbb"), slack)).isEqualTo(2);
        assertThat(slack.calls()).extracting(Call::method, Call::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("chat.update", Placeholders.Purpose.ANSWER.interrupted()),
                org.assertj.core.groups.Tuple.tuple("chat.update", Placeholders.Purpose.INVESTIGATION.interrupted()));
        assertThat(store.finishInterrupted(Set.of(), slack)).as("nothing is finished twice").isZero();
        assertThat(slack.calls()).hasSize(2);
    }

    @Test
    void workStillRunningHereOrOnALiveReplicaIsNotTouched() {
        store.opened(QUESTION, Placeholders.Purpose.ANSWER);
        Placeholders otherReplica = new Placeholders(database, "pod-b/1/cccccc", clock);
        otherReplica.opened(ANALYSIS, Placeholders.Purpose.INVESTIGATION);

        assertThat(store.finishInterrupted(Set.of("pod-b/1/cccccc"), slack)).isZero();
        assertThat(slack.calls()).isEmpty();
    }

    @Test
    void aPlaceholderWhoseWorkIsDoneIsForgotten() {
        store.opened(QUESTION, Placeholders.Purpose.ANSWER);
        store.done(QUESTION);

        crashAndRestartAs("pod-a/2/bbbbbb");

        assertThat(store.finishInterrupted(Set.of(), slack)).isZero();
        assertThat(slack.calls()).isEmpty();
    }

    @Test
    void onePlaceholderSlackRefusesForGoodDoesNotStopTheOthersAndIsForgotten() {
        store.opened(QUESTION, Placeholders.Purpose.ANSWER);
        clock.advance(java.time.Duration.ofSeconds(1));
        store.opened(ANALYSIS, Placeholders.Purpose.INVESTIGATION);
        crashAndRestartAs("pod-a/2/bbbbbb");
        slack.failNext(new SlackCallFailed("chat.update", "message_not_found"));

        assertThat(store.finishInterrupted(Set.of(), slack)).isEqualTo(1);
        assertThat(store.finishInterrupted(Set.of(), slack)).isZero();
        assertThat(slack.calls()).hasSize(2);
    }
}
