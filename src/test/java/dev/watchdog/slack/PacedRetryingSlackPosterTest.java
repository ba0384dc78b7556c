package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.slack.ScriptedSlackPoster.Call;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RecordingSleeper;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pacing, ordering and retry timing against a scripted Slack; {@code PacedRetryingSlackPosterBoltTest} covers what the
 * real Bolt client reports.
 */
class PacedRetryingSlackPosterTest {

    private static final Instant T0 = Instant.parse("2024-05-01T02:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final ScriptedSlackPoster slack = new ScriptedSlackPoster(clock, Map.of("#alerts", "C0ALERTS"));
    private final DeliveryProblems problems = new DeliveryProblems(new DeliveryBacklog(clock));
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final PacedRetryingSlackPoster poster = posterWith(DeliveryPolicy.DEFAULT);

    private PacedRetryingSlackPoster posterWith(DeliveryPolicy policy) {
        // jitter 0: every backoff is exactly half its ceiling, so waits can be asserted exactly
        return new PacedRetryingSlackPoster(slack, problems, (method, outcome) -> outcomes.add(method + " " + outcome),
                policy, clock, sleeper, () -> 0.0);
    }

    @Test
    void postsToOneChannelGoOutOneSecondApart() {
        for (int i = 1; i <= 5; i++) {
            poster.post("#alerts", null, SlackMessage.text("alert " + i));
        }

        assertThat(sleeper.waits()).containsExactly(seconds(1), seconds(1), seconds(1), seconds(1));
        assertThat(slack.calls()).extracting(Call::at)
                .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), T0.plusSeconds(4));
        assertThat(outcomes).containsOnly("chat.postMessage delivered").hasSize(5);
    }

    @Test
    void postsToDifferentChannelsDoNotWaitForEachOther() {
        poster.post("#alerts", null, SlackMessage.text("one"));
        poster.post("#db", null, SlackMessage.text("two"));
        poster.post("#payments", null, SlackMessage.text("three"));

        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aCallAfterTheIntervalHasPassedDoesNotWait() {
        poster.post("#alerts", null, SlackMessage.text("one"));
        clock.advance(Duration.ofMillis(400));
        poster.post("#alerts", null, SlackMessage.text("two"));
        clock.advance(Duration.ofSeconds(5));
        poster.post("#alerts", null, SlackMessage.text("three"));

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(600));
    }

    @Test
    void anUpdateByChannelIdIsPacedWithPostsByChannelName() {
        PostedMessage posted = poster.post("#alerts", null, SlackMessage.text("firing"));
        assertThat(posted.channel()).isEqualTo("C0ALERTS");

        poster.update(posted, SlackMessage.text("resolved"));

        assertThat(sleeper.waits()).containsExactly(seconds(1));
    }

    @Test
    void aChannelFirstSeenByIdSharesItsPaceWithItsNameOnceSlackHasNamedIt() {
        // after a restart: an update by id, then a post by name that Slack answers with the same id
        poster.update(new PostedMessage("C0ALERTS", "1.0"), SlackMessage.text("resolved"));
        poster.post("#alerts", null, SlackMessage.text("firing")); // not yet known to be the same channel
        poster.post("#alerts", null, SlackMessage.text("firing again"));
        poster.update(new PostedMessage("C0ALERTS", "2.0"), SlackMessage.text("resolved again"));

        assertThat(sleeper.waits()).containsExactly(seconds(1), seconds(1));
    }

    @Test
    void historyLookupsAreNotPacedLikeWrites() {
        poster.findTagged("C0ALERTS", MessageTag.alert(1), T0);
        poster.findTagged("C0ALERTS", MessageTag.alert(1), T0);
        poster.post("C0ALERTS", null, SlackMessage.text("firing"));

        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void callsToOneChannelRunInTheOrderTheyWereMadeWhileOtherChannelsCarryOn() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        slack.duringCall(call -> {
            if ("first".equals(call.text())) {
                firstInside.countDown();
                Await.released(releaseFirst, TIMEOUT);
            }
        });
        CompletableFuture<PostedMessage> first = CompletableFuture.supplyAsync(
                () -> poster.post("#alerts", null, SlackMessage.text("first")));
        assertThat(firstInside.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        // given the first post is still in flight, a second call to the same channel is made
        Thread second = new Thread(() -> poster.update(new PostedMessage("#alerts", "1.0"), SlackMessage.text("second")));
        second.start();
        Await.until(TIMEOUT, () -> second.getState() == Thread.State.WAITING,
                () -> "the second call should wait for the first, but it is " + second.getState());

        // another channel is not held up meanwhile
        poster.post("#db", null, SlackMessage.text("elsewhere"));
        assertThat(slack.calls()).extracting(Call::text).containsExactly("first", "elsewhere");

        releaseFirst.countDown();
        first.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        second.join(TIMEOUT.toMillis());

        assertThat(slack.calls()).extracting(Call::text).containsExactly("first", "elsewhere", "second");
        assertThat(sleeper.waits()).containsExactly(seconds(1)); // the second still kept its distance
    }

    @Test
    void aNetworkErrorIsRetriedWithBackoff() {
        slack.failNext(networkError(), networkError(), networkError());

        PostedMessage posted = poster.post("#alerts", null, SlackMessage.text("firing"));

        assertThat(posted.channel()).isEqualTo("C0ALERTS");
        assertThat(slack.calls()).hasSize(4);
        // backoffs of 2 s, 4 s, 8 s with "equal jitter" at its lowest: half of each
        assertThat(sleeper.waits()).containsExactly(seconds(1), seconds(2), seconds(4));
        assertThat(outcomes).containsExactly("chat.postMessage delivered");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void slackErrorsThatMeanTryAgainAreRetried() {
        slack.failNext(new SlackCallFailed("chat.postMessage", "internal_error"),
                new SlackCallFailed("chat.postMessage", "ratelimited"));

        poster.post("#alerts", null, SlackMessage.text("firing"));

        assertThat(slack.calls()).hasSize(3);
        assertThat(sleeper.waits()).containsExactly(seconds(1), seconds(2));
    }

    @Test
    void jitterSpreadsBackoffs() {
        PacedRetryingSlackPoster jittery = new PacedRetryingSlackPoster(slack, problems, (m, o) -> { },
                DeliveryPolicy.DEFAULT, clock, sleeper, () -> 0.5);
        slack.failNext(networkError());

        jittery.post("#alerts", null, SlackMessage.text("firing"));

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void aLongOutageIsRetriedWithoutAnAttemptCapAndTheBackoffStopsAtItsCeiling() {
        SlackCallFailed[] outage = new SlackCallFailed[40];
        java.util.Arrays.fill(outage, new SlackCallFailed("chat.postMessage", new IOException("HTTP 502")));
        slack.failNext(outage);

        PostedMessage posted = poster.post("#alerts", null, SlackMessage.text("firing"));

        assertThat(posted.channel()).isEqualTo("C0ALERTS");
        assertThat(slack.calls()).hasSize(41);
        // 2, 4, 8 s then the 10 s ceiling, each at the low end of its "equal jitter": one try every 5 s
        assertThat(sleeper.waits()).startsWith(seconds(1), seconds(2), seconds(4), seconds(5))
                .hasSize(40).endsWith(seconds(5), seconds(5));
        assertThat(outcomes).containsExactly("chat.postMessage delivered");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void whileACallIsRetriedItsFailureAndTheBacklogAreShown() {
        List<String> seen = new CopyOnWriteArrayList<>();
        slack.failNext(networkError(), networkError());
        slack.duringCall(call -> seen.add(problems.describe().size() + " problem(s), "
                + problems.backlog().snapshot().waiting() + " waiting for "
                + problems.backlog().snapshot().oldestAge().toSeconds() + "s"));

        poster.post("#alerts", null, SlackMessage.text("firing"));

        assertThat(seen).containsExactly("0 problem(s), 1 waiting for 0s", "1 problem(s), 1 waiting for 1s",
                "1 problem(s), 1 waiting for 3s");
        assertThat(problems.isEmpty()).isTrue();
        assertThat(problems.backlog().snapshot().waiting()).isZero();
    }

    @Test
    void aPermanentErrorIsNotRetried() {
        slack.failNext(new SlackCallFailed("chat.update", "message_not_found"));

        assertThatThrownBy(() -> poster.update(new PostedMessage("C0ALERTS", "1.0"), SlackMessage.text("resolved")))
                .isInstanceOf(SlackCallFailed.class)
                .hasMessageStartingWith("Slack chat.update to C0ALERTS failed: message_not_found (not retried: ")
                .satisfies(failure -> assertThat(((SlackCallFailed) failure).error()).isEqualTo("message_not_found"));
        assertThat(slack.calls()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
        assertThat(outcomes).containsExactly("chat.update rejected");
    }

    @Test
    void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> poster.post("#alerts", null, SlackMessage.text("firing")))
                    .isInstanceOf(SlackCallFailed.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(slack.calls()).isEmpty();
        assertThat(outcomes).containsExactly("chat.postMessage interrupted");
    }

    private static SlackCallFailed networkError() {
        return new SlackCallFailed("chat.postMessage", new SocketTimeoutException("timeout"));
    }

    private static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
