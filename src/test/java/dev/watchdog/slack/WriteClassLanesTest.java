package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.SlackApiException;
import dev.watchdog.slack.ScriptedSlackPoster.Call;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RecordingSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writes waiting for one channel's lane are taken by {@link WriteClass}, then arrival: an edit overtakes queued thread
 * content, pacing and Retry-After still hold for every class, other channels go on.
 */
class WriteClassLanesTest {

    private static final Instant T0 = Instant.parse("2024-05-01T02:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final PostedMessage ALERT_MESSAGE = new PostedMessage("C0ALERTS", "1700000000.1");

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final ScriptedSlackPoster slack = new ScriptedSlackPoster(clock, Map.of("#alerts", "C0ALERTS"));
    private final DeliveryProblems problems = new DeliveryProblems(new DeliveryBacklog(clock));
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final CountDownLatch inFlight = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> callers = new ArrayList<>();

    private PacedRetryingSlackPoster posterSleepingWith(Sleeper sleeping) {
        return new PacedRetryingSlackPoster(slack, problems, (method, outcome) -> outcomes.add(method + " " + outcome),
                DeliveryPolicy.DEFAULT, clock, sleeping, () -> 0.0);
    }

    private final PacedRetryingSlackPoster poster = posterSleepingWith(sleeper);

    @AfterEach
    void letEveryCallerGo() throws InterruptedException {
        release.countDown();
        for (Thread caller : callers) {
            caller.join(TIMEOUT.toMillis());
        }
    }

    @Test
    void anEditOvertakesQueuedBulkRepliesRightAfterTheCallInFlight() throws Exception {
        holdTheFirstCallInFlight("bulk 1");
        for (int i = 2; i <= 5; i++) {
            String text = "bulk " + i;
            queue(() -> poster.at(WriteClass.BULK).post("C0ALERTS", "1700000000.1", SlackMessage.text(text)));
        }

        // the edit is made after the five replies
        queue(() -> poster.at(WriteClass.INTERACTIVE).update(ALERT_MESSAGE, SlackMessage.text("acknowledged")));
        release.countDown();
        joinCallers();

        assertThat(slack.calls()).extracting(Call::text)
                .containsExactly("bulk 1", "acknowledged", "bulk 2", "bulk 3", "bulk 4", "bulk 5");
        // pacing holds across classes: every call a second after the one before
        assertThat(slack.calls()).extracting(Call::at).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2),
                T0.plusSeconds(3), T0.plusSeconds(4), T0.plusSeconds(5));
        assertThat(outcomes).hasSize(6).containsOnly("chat.postMessage delivered", "chat.update delivered");
    }

    @Test
    void aNewAlertOvertakesQueuedBulkButNotAQueuedEdit() throws Exception {
        holdTheFirstCallInFlight("bulk 1");
        queue(() -> poster.at(WriteClass.BULK).post("C0ALERTS", "1700000000.1", SlackMessage.text("bulk 2")));
        queue(() -> poster.at(WriteClass.INTERACTIVE).update(ALERT_MESSAGE, SlackMessage.text("acknowledged")));
        queue(() -> poster.at(WriteClass.ALERT).post("C0ALERTS", null, SlackMessage.text("[FIRING] DiskFull")));
        queue(() -> poster.post("C0ALERTS", null, SlackMessage.text("[FIRING] HighLatency"))); // ALERT unsaid
        release.countDown();
        joinCallers();

        assertThat(slack.calls()).extracting(Call::text).containsExactly("bulk 1", "acknowledged",
                "[FIRING] DiskFull", "[FIRING] HighLatency", "bulk 2");
    }

    @Test
    void callsOfOneClassKeepTheOrderTheyWereMadeIn() throws Exception {
        holdTheFirstCallInFlight("first");
        for (String text : List.of("edit 1", "edit 2", "edit 3")) {
            queue(() -> poster.at(WriteClass.INTERACTIVE).update(ALERT_MESSAGE, SlackMessage.text(text)));
        }
        release.countDown();
        joinCallers();

        assertThat(slack.calls()).extracting(Call::text).containsExactly("first", "edit 1", "edit 2", "edit 3");
    }

    @Test
    void aRetryAfterOnOneChannelDelaysItsQueuedEditButNotAnotherChannel() throws Exception {
        CountDownLatch sleepingOutThe429 = new CountDownLatch(1);
        PacedRetryingSlackPoster throttled = posterSleepingWith(heldWhileSleeping(Duration.ofSeconds(30),
                sleepingOutThe429));
        slack.failNext(rateLimited(30));
        caller(() -> throttled.at(WriteClass.BULK).post("C0ALERTS", "1700000000.1", SlackMessage.text("bulk")));
        assertThat(sleepingOutThe429.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        queue(() -> throttled.at(WriteClass.INTERACTIVE).update(ALERT_MESSAGE, SlackMessage.text("acknowledged")));
        throttled.at(WriteClass.INTERACTIVE).update(new PostedMessage("C0DB", "1700000000.9"),
                SlackMessage.text("elsewhere"));
        assertThat(slack.calls()).extracting(Call::text, Call::at)
                .containsExactly(tuple("bulk", T0), tuple("elsewhere", T0));

        release.countDown();
        joinCallers();

        // the 429 paused channel A for every class; once it is over, the edit goes first, the retry a second later
        assertThat(slack.calls()).extracting(Call::text, Call::at).containsExactly(tuple("bulk", T0),
                tuple("elsewhere", T0), tuple("acknowledged", T0.plusSeconds(30)), tuple("bulk", T0.plusSeconds(31)));
    }

    @Test
    void anEditThatComesWhileABulkCallSleepsOutThePaceTakesItsSlot() throws Exception {
        CountDownLatch pacing = new CountDownLatch(1);
        PacedRetryingSlackPoster paced = posterSleepingWith(heldWhileSleeping(Duration.ofSeconds(1), pacing));
        paced.at(WriteClass.BULK).post("C0ALERTS", "1700000000.1", SlackMessage.text("bulk 1"));
        caller(() -> paced.at(WriteClass.BULK).post("C0ALERTS", "1700000000.1", SlackMessage.text("bulk 2")));
        assertThat(pacing.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        queue(() -> paced.at(WriteClass.INTERACTIVE).update(ALERT_MESSAGE, SlackMessage.text("acknowledged")));
        release.countDown();
        joinCallers();

        assertThat(slack.calls()).extracting(Call::text, Call::at).containsExactly(tuple("bulk 1", T0),
                tuple("acknowledged", T0.plusSeconds(1)), tuple("bulk 2", T0.plusSeconds(2)));
    }

    @Test
    void anInterruptedWaitingCallerStopsAndTheOnesBehindItGoOn() throws Exception {
        holdTheFirstCallInFlight("bulk 1");
        AtomicReference<Throwable> editFailure = new AtomicReference<>();
        AtomicReference<Boolean> keptInterrupt = new AtomicReference<>();
        Thread edit = queue(() -> {
            try {
                poster.at(WriteClass.INTERACTIVE).update(ALERT_MESSAGE, SlackMessage.text("acknowledged"));
            } catch (SlackCallFailed stopped) {
                editFailure.set(stopped);
                keptInterrupt.set(Thread.currentThread().isInterrupted());
            }
        });
        queue(() -> poster.at(WriteClass.BULK).post("C0ALERTS", "1700000000.1", SlackMessage.text("bulk 2")));

        edit.interrupt(); // as shutdown does
        edit.join(TIMEOUT.toMillis());
        release.countDown();
        joinCallers();

        assertThat(editFailure.get()).isInstanceOf(SlackCallFailed.class);
        assertThat(keptInterrupt.get()).isTrue();
        assertThat(slack.calls()).extracting(Call::text).containsExactly("bulk 1", "bulk 2");
        assertThat(outcomes).contains("chat.update interrupted");
    }

    @Test
    void theBacklogCountsWaitingCallsByClass() throws Exception {
        holdTheFirstCallInFlight("bulk 1");
        queue(() -> poster.at(WriteClass.INTERACTIVE).update(ALERT_MESSAGE, SlackMessage.text("acknowledged")));

        Map<WriteClass, DeliveryBacklog.Snapshot> waiting = problems.backlog().byClass();
        assertThat(waiting.get(WriteClass.BULK).waiting()).isEqualTo(1);
        assertThat(waiting.get(WriteClass.INTERACTIVE).waiting()).isEqualTo(1);
        assertThat(waiting.get(WriteClass.ALERT).waiting()).isZero();

        release.countDown();
        joinCallers();
        assertThat(problems.backlog().snapshot().waiting()).isZero();
    }

    /** Sleeps as {@link #sleeper}, but the first wait of {@code held} says so and lasts until {@link #release}. */
    private Sleeper heldWhileSleeping(Duration held, CountDownLatch sleeping) {
        return duration -> {
            if (duration.equals(held) && sleeping.getCount() > 0) {
                sleeping.countDown();
                Await.released(release, TIMEOUT);
            }
            sleeper.sleep(duration);
        };
    }

    /** A BULK reply is made and held inside its call to Slack until {@link #release}. */
    private void holdTheFirstCallInFlight(String text) throws InterruptedException {
        slack.duringCall(call -> {
            if (text.equals(call.text())) {
                inFlight.countDown();
                Await.released(release, TIMEOUT);
            }
        });
        caller(() -> poster.at(WriteClass.BULK).post("C0ALERTS", "1700000000.1", SlackMessage.text(text)));
        assertThat(inFlight.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    /** Starts a call on a thread of its own and returns once it waits for the lane, so arrival order is known. */
    private Thread queue(Runnable call) {
        Thread caller = caller(call);
        Await.until(TIMEOUT, () -> caller.getState() == Thread.State.WAITING,
                () -> "the call should wait for its turn, but its thread is " + caller.getState());
        return caller;
    }

    private Thread caller(Runnable call) {
        Thread caller = new Thread(call, "caller-" + callers.size());
        callers.add(caller);
        caller.start();
        return caller;
    }

    private void joinCallers() throws InterruptedException {
        for (Thread caller : callers) {
            caller.join(TIMEOUT.toMillis());
            assertThat(caller.isAlive()).as(caller.getName() + " finished").isFalse();
        }
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    /** What the Bolt client throws for an HTTP 429 with {@code Retry-After}. */
    private static SlackCallFailed rateLimited(int seconds) {
        Response response = new Response.Builder()
                .request(new Request.Builder().url("http://slack.test/api/chat.postMessage").build())
                .protocol(Protocol.HTTP_1_1).code(429).message("Too Many Requests")
                .header("Retry-After", String.valueOf(seconds))
                .body(ResponseBody.create("", null)).build();
        return new SlackCallFailed("chat.postMessage", new SlackApiException(response, ""));
    }
}
