package dev.watchdog.alerting.notify;

import dev.watchdog.concurrent.Workers;
import dev.watchdog.slack.DeliveryBacklog;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one thread everything Watchdog says about alerts goes through, so it reaches Slack in order:
 * a message is always posted before it is edited. A failed task is logged and the thread goes on.
 */
final class DeliveryThread {

    private final ScheduledExecutorService executor;
    private final DeliveryBacklog backlog;

    /**
     * @param executor a serial executor: one thread keeps the order
     * @param backlog  counts every message from the moment it is queued here until Slack answered
     */
    DeliveryThread(ScheduledExecutorService executor, DeliveryBacklog backlog) {
        this.executor = executor;
        this.backlog = backlog;
    }

    void execute(String what, Runnable task) {
        DeliveryBacklog.Ticket ticket = backlog.enqueue();
        executor.execute(() -> backlog.deliver(ticket, () -> logFailure(what, task)));
    }

    /** Runs {@code task} every {@code every}, starting now. */
    void every(Duration every, String what, Runnable task) {
        executor.scheduleWithFixedDelay(() -> logFailure(what, task), 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For callers that wait for the result, so a failure reaches them rather than the log. */
    <T> CompletableFuture<T> supply(Supplier<T> task) {
        DeliveryBacklog.Ticket ticket = backlog.enqueue();
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> backlog.deliver(ticket, () -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException failure) {
                result.completeExceptionally(failure);
            }
        }));
        return result;
    }

    CompletableFuture<Void> run(Runnable task) {
        return supply(() -> {
            task.run();
            return null;
        });
    }

    /**
     * A task that runs {@code delay} after it is asked for, once for every request about the same
     * key in the meantime: a burst of changes to one message costs one edit.
     */
    <K> Consumer<K> coalescing(String what, Duration delay, Consumer<K> task) {
        Set<K> queued = ConcurrentHashMap.newKeySet();
        return key -> {
            if (queued.add(key)) {
                DeliveryBacklog.Ticket ticket = backlog.enqueue();
                executor.schedule(() -> {
                    queued.remove(key);
                    backlog.deliver(ticket, () -> logFailure(what + " " + key, () -> task.accept(key)));
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
    }

    private static void logFailure(String what, Runnable task) {
        Workers.runLogged("Slack " + what, task);
    }
}
