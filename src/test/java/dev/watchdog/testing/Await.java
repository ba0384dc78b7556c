package dev.watchdog.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Bounded polling for tests that wait on another thread (a Bolt handler, a WebSocket callback, an HTTP call).
 *
 * <p>Tests never sleep for a fixed time: they state the condition they wait for and the longest they are
 * willing to wait. The condition is re-checked every few milliseconds, so a passing test returns as soon as
 * the condition holds, and a failing one fails with a description of what was seen instead.
 */
public final class Await {

    /** Short enough to add no visible latency, long enough not to burn a core while waiting. */
    private static final long POLL_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /**
     * Returns once {@code condition} is true; fails with {@code describeFailure} (evaluated at the deadline, so it
     * can list what did arrive) if it is still false after {@code timeout}.
     */
    public static void until(Duration timeout, Supplier<Boolean> condition, Supplier<String> describeFailure) {
        value(timeout, () -> Boolean.TRUE.equals(condition.get()) ? Optional.of(Boolean.TRUE) : Optional.empty(),
                describeFailure);
    }

    /**
     * Blocks a thread the test holds (inside a fake Slack call, say) until the test counts {@code release} down;
     * fails with an {@link AssertionError} if it never does within {@code timeout}, so a broken test cannot hang.
     */
    public static void released(CountDownLatch release, Duration timeout) {
        try {
            if (!release.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the test never released this thread within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Returns the first value {@code probe} produces; fails with {@code describeFailure} if it produces none
     * within {@code timeout}. Exceptions thrown by the probe propagate at once: they are bugs, not "not yet".
     */
    public static <T> T value(Duration timeout, Supplier<Optional<T>> probe, Supplier<String> describeFailure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms: " + describeFailure.get());
            }
            LockSupport.parkNanos(POLL_INTERVAL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting: " + describeFailure.get());
            }
        }
    }
}
