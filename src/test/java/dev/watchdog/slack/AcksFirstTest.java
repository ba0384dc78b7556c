package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.bolt.response.Response;
import dev.watchdog.testing.Await;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * After-ack work waits for the burst of envelopes to be acked. "Waits" is shown without timing
 * anything: the worker thread is seen parked inside the wait while a handler is still unacked.
 */
class AcksFirstTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AtomicReference<Thread> worker = new AtomicReference<>();
    /** Runs each task on a new thread we can watch. */
    private final Executor ownThread = task -> {
        Thread thread = new Thread(task, "after-ack-test");
        worker.set(thread);
        thread.start();
    };

    private static boolean parked(Thread thread) {
        return thread.getState() == Thread.State.TIMED_WAITING || thread.getState() == Thread.State.WAITING;
    }

    @Test
    void workWaitsWhileAHandlerIsUnackedAndRunsOnceTheBurstIsAcked() {
        AcksFirst acks = new AcksFirst(Duration.ofHours(1));
        AtomicBoolean ran = new AtomicBoolean();
        acks.started();

        acks.deferring(ownThread).execute(() -> ran.set(true));
        Await.until(TIMEOUT, () -> parked(worker.get()), () -> "the task never started waiting");

        assertThat(ran).as("not while a handler is on its way to its ack").isFalse();
        acks.finished();
        Await.until(TIMEOUT, ran::get, () -> "the task never ran after the ack");
        assertThat(acks.unacked()).isZero();
    }

    @Test
    void workRunsAfterAtMostTheMaximumDelayEvenIfAcksNeverStop() {
        AcksFirst acks = new AcksFirst(Duration.ofMillis(30));
        AtomicBoolean ran = new AtomicBoolean();
        acks.started(); // never finished

        acks.deferring(ownThread).execute(() -> ran.set(true));

        Await.until(TIMEOUT, ran::get, () -> "the task waited past its maximum delay");
        assertThat(acks.unacked()).isEqualTo(1);
    }

    @Test
    void whenNothingIsInFlightWorkRunsWithoutWaitingForAnAck() {
        AcksFirst acks = new AcksFirst(Duration.ofHours(1));
        AtomicBoolean ran = new AtomicBoolean();

        acks.deferring(ownThread).execute(() -> ran.set(true));

        Await.until(TIMEOUT, ran::get, () -> "the task waited although nothing was in flight");
    }

    @Test
    void theMiddlewareCountsAHandlerUntilItReturnsEvenWhenItThrows() throws Exception {
        AcksFirst acks = new AcksFirst(Duration.ZERO);
        AtomicInteger seenInside = new AtomicInteger(-1);
        Response ok = Response.ok();

        Response returned = acks.middleware().apply(null, ok, request -> {
            seenInside.set(acks.unacked());
            return ok;
        });
        assertThatThrownBy(() -> acks.middleware().apply(null, ok, request -> {
            throw new IllegalStateException("handler failed");
        })).hasMessage("handler failed");

        assertThat(returned).isSameAs(ok);
        assertThat(seenInside.get()).isEqualTo(1);
        assertThat(acks.unacked()).isZero();
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThatThrownBy(() -> new AcksFirst(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDelay must not be negative: PT-0.001S");
    }
}
