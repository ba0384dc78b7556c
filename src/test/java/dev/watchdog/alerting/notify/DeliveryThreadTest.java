package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.slack.DeliveryBacklog;
import dev.watchdog.slack.WriteClass;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery tasks are taken by class, then arrival; each class's worker keeps its order and never waits for another. */
class DeliveryThreadTest {

    private static final long TIMEOUT_MS = 10_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T02:00:00Z"));
    private final DeliveryBacklog backlog = new DeliveryBacklog(clock);
    private final List<ScheduledExecutorService> executors = new ArrayList<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    /** One worker for every class. */
    private final ScheduledExecutorService shared = executor();

    @AfterEach
    void stop() {
        release.countDown();
        executors.forEach(ScheduledExecutorService::shutdownNow);
    }

    private ScheduledExecutorService executor() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        executors.add(executor);
        return executor;
    }

    /** One worker per class, as Watchdog runs. */
    private DeliveryThread perClass() {
        Map<WriteClass, ScheduledExecutorService> workers = new EnumMap<>(WriteClass.class);
        for (WriteClass writeClass : WriteClass.values()) {
            workers.put(writeClass, executor());
        }
        return new DeliveryThread(workers::get, backlog);
    }

    @Test
    void aSharedWorkerTakesTasksByClassThenArrival() throws Exception {
        DeliveryThread delivery = new DeliveryThread(shared, backlog);
        hold(delivery, WriteClass.ALERT);
        record(delivery, WriteClass.BULK, "graph");
        record(delivery, WriteClass.ALERT, "post DiskFull");
        record(delivery, WriteClass.INTERACTIVE, "edit after ack");
        record(delivery, WriteClass.BULK, "resolved note");
        record(delivery, WriteClass.ALERT, "post HighLatency");
        record(delivery, WriteClass.INTERACTIVE, "answer");

        release.countDown();
        drain(shared);

        assertThat(ran).containsExactly("held", "edit after ack", "answer", "post DiskFull", "post HighLatency",
                "graph", "resolved note");
    }

    @Test
    void anInteractiveTaskDoesNotWaitForABulkOneInProgress() throws Exception {
        DeliveryThread delivery = perClass();
        hold(delivery, WriteClass.BULK);

        CompletableFuture<String> edit = delivery.supply(WriteClass.INTERACTIVE, () -> "edited");
        CompletableFuture<String> post = delivery.supply(WriteClass.ALERT, () -> "posted");

        assertThat(edit.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isEqualTo("edited");
        assertThat(post.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isEqualTo("posted");
        assertThat(ran).isEmpty(); // the bulk task is still in progress: it has not finished
    }

    @Test
    void tasksOfOneClassRunInTheOrderTheyWereAskedFor() throws Exception {
        DeliveryThread delivery = perClass();
        List<CompletableFuture<Void>> posts = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            String name = "post " + i;
            posts.add(delivery.run(WriteClass.ALERT, () -> ran.add(name)));
            delivery.execute(WriteClass.BULK, "reply", () -> ran.add("reply"));
        }
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

        assertThat(ran.stream().filter(task -> task.startsWith("post")).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 50)
                        .mapToObj(i -> "post " + i).toList());
    }

    @Test
    void editsOfOneMessageCollapseAndTheNewestStateWins() throws Exception {
        DeliveryThread delivery = new DeliveryThread(shared, backlog);
        AtomicInteger state = new AtomicInteger();
        var edit = delivery.<String>coalescing(WriteClass.INTERACTIVE, "edit", Duration.ZERO,
                message -> ran.add(message + " shows " + state.get()));
        hold(delivery, WriteClass.ALERT);
        for (int click = 1; click <= 3; click++) {
            state.set(click);
            edit.accept("alert 7");
        }
        edit.accept("alert 8");

        release.countDown();
        drain(shared);

        assertThat(ran).containsExactly("held", "alert 7 shows 3", "alert 8 shows 3");
    }

    @Test
    void theBacklogCountsQueuedTasksByClassUntilTheyRan() throws Exception {
        DeliveryThread delivery = new DeliveryThread(shared, backlog);
        hold(delivery, WriteClass.ALERT);
        record(delivery, WriteClass.BULK, "graph");
        record(delivery, WriteClass.BULK, "resolved note");
        clock.advance(Duration.ofSeconds(7));
        record(delivery, WriteClass.INTERACTIVE, "edit");

        Map<WriteClass, DeliveryBacklog.Snapshot> waiting = backlog.byClass();
        assertThat(waiting.get(WriteClass.BULK)).isEqualTo(new DeliveryBacklog.Snapshot(2, Duration.ofSeconds(7)));
        assertThat(waiting.get(WriteClass.INTERACTIVE)).isEqualTo(new DeliveryBacklog.Snapshot(1, Duration.ZERO));
        assertThat(waiting.get(WriteClass.ALERT).waiting()).isEqualTo(1); // the one in progress

        release.countDown();
        drain(shared);
        assertThat(backlog.snapshot().waiting()).isZero();
    }

    @Test
    void aTaskQueuedByAnotherDuringShutdownIsStillDelivered() throws Exception {
        DeliveryThread delivery = new DeliveryThread(shared, backlog);
        CountDownLatch inside = new CountDownLatch(1);
        delivery.execute(WriteClass.ALERT, "resolution", () -> {
            inside.countDown();
            Await.released(release, Duration.ofMillis(TIMEOUT_MS));
            ran.add("resolution");
            delivery.execute(WriteClass.BULK, "resolved note", () -> ran.add("resolved note"));
        });
        assertThat(inside.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        shared.shutdown(); // the grace period of a stop has begun
        release.countDown();
        assertThat(shared.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        assertThat(ran).containsExactly("resolution", "resolved note");
    }

    /** Queues a task of {@code writeClass} that waits until {@link #release}; returns once it has started. */
    private void hold(DeliveryThread delivery, WriteClass writeClass) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        delivery.execute(writeClass, "held", () -> {
            started.countDown();
            Await.released(release, Duration.ofMillis(TIMEOUT_MS));
            ran.add("held");
        });
        assertThat(started.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    private void record(DeliveryThread delivery, WriteClass writeClass, String name) {
        delivery.execute(writeClass, name, () -> ran.add(name));
    }

    private static void drain(ScheduledExecutorService executor) throws InterruptedException {
        executor.shutdown();
        assertThat(executor.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
    }
}
