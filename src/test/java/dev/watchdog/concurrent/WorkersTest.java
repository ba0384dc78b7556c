package dev.watchdog.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.Await;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkersTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aRoutineThatThrowsKeepsRunning() {
        AtomicInteger runs = new AtomicInteger();
        try (Workers workers = new Workers()) {
            workers.schedule(routine("flaky", () -> {
                runs.incrementAndGet();
                throw new IllegalStateException("boom");
            }));
            Await.until(WAIT, () -> runs.get() >= 3, () -> "runs: " + runs.get());
        }
    }

    @Test
    void poolThreadsAreNamedDaemons() throws Exception {
        try (Workers workers = new Workers()) {
            ExecutorService pool = workers.pool("slack-work", 2);
            Thread thread = CompletableFuture.supplyAsync(Thread::currentThread, pool).get();
            assertThat(thread.getName()).isEqualTo("slack-work-1");
            assertThat(thread.isDaemon()).isTrue();
        }
    }

    @Test
    void closeLetsQueuedWorkFinishThenStopsEveryPool() {
        AtomicInteger done = new AtomicInteger();
        Workers workers = new Workers();
        ExecutorService first = workers.pool("a", 1);
        ExecutorService second = workers.serial("b");
        first.execute(done::incrementAndGet);
        second.execute(done::incrementAndGet);
        workers.close();
        assertThat(done.get()).isEqualTo(2);
        assertThat(first.isTerminated()).isTrue();
        assertThat(second.isTerminated()).isTrue();
    }

    private static Routine routine(String name, Runnable body) {
        return Routine.of(name, Duration.ofMillis(1), Duration.ZERO, body);
    }
}
