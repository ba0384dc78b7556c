package dev.watchdog.alerting.notify;

import dev.watchdog.concurrent.Workers;
import dev.watchdog.slack.DeliveryBacklog;
import dev.watchdog.slack.WriteClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The way everything Watchdog says about alerts goes to Slack: each task has a {@link WriteClass}, and is taken by
 * class first and arrival second. Each class has a worker of its own, so an edit somebody's click waits for never
 * queues behind a storm's posts or an investigation sleeping out a channel's pace; within a class tasks run one at a
 * time in the order they were asked for, so new alerts are posted in order, replies of one kind keep their order in a
 * thread, and an alert's resolution comes after its post. A failed task is logged and its worker goes on.
 */
final class DeliveryThread {

    private final Map<WriteClass, ScheduledExecutorService> workers = new EnumMap<>(WriteClass.class);
    /** Per class, the classes whose tasks its worker takes, most urgent first: its own, or all that share it. */
    private final Map<WriteClass, List<WriteClass>> served = new EnumMap<>(WriteClass.class);
    private final Map<WriteClass, Queue<Runnable>> queued = new EnumMap<>(WriteClass.class);
    private final DeliveryBacklog backlog;

    /**
     * One serial executor for every class: one task at a time, the most urgent one queued first.
     *
     * @param backlog counts every message from the moment it is queued here until Slack answered
     */
    DeliveryThread(ScheduledExecutorService executor, DeliveryBacklog backlog) {
        this(writeClass -> executor, backlog);
    }

    /**
     * @param workers a serial executor for each class, asked once per class; classes given the same executor share
     *                its thread, the most urgent queued task first
     * @param backlog counts every message from the moment it is queued here until Slack answered
     */
    DeliveryThread(Function<WriteClass, ScheduledExecutorService> workers, DeliveryBacklog backlog) {
        this.backlog = backlog;
        for (WriteClass writeClass : WriteClass.values()) {
            this.workers.put(writeClass, workers.apply(writeClass));
            this.queued.put(writeClass, new ConcurrentLinkedQueue<>());
        }
        for (WriteClass writeClass : WriteClass.values()) {
            List<WriteClass> sharing = new ArrayList<>();
            for (WriteClass other : WriteClass.values()) {
                if (this.workers.get(other) == this.workers.get(writeClass)) {
                    sharing.add(other);
                }
            }
            served.put(writeClass, List.copyOf(sharing));
        }
    }

    void execute(WriteClass writeClass, String what, Runnable task) {
        DeliveryBacklog.Ticket ticket = backlog.queued(writeClass);
        submit(writeClass, () -> backlog.deliver(ticket, () -> logFailure(what, task)));
    }

    /**
     * Runs {@code task} every {@code every}, starting now, as an {@link WriteClass#ALERT} task in order with the
     * announcements; a round still queued behind them is not queued twice.
     */
    void every(Duration every, String what, Runnable task) {
        AtomicBoolean waiting = new AtomicBoolean();
        workers.get(WriteClass.ALERT).scheduleWithFixedDelay(() -> {
            if (waiting.compareAndSet(false, true)) {
                queued.get(WriteClass.ALERT).add(() -> {
                    waiting.set(false);
                    logFailure(what, task);
                });
                runNext(WriteClass.ALERT); // this is the worker's own thread: one task taken per task queued
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For callers that wait for the result, so a failure reaches them rather than the log. */
    <T> CompletableFuture<T> supply(WriteClass writeClass, Supplier<T> task) {
        DeliveryBacklog.Ticket ticket = backlog.queued(writeClass);
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(writeClass, () -> backlog.deliver(ticket, () -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException failure) {
                result.completeExceptionally(failure);
            }
        }));
        return result;
    }

    CompletableFuture<Void> run(WriteClass writeClass, Runnable task) {
        return supply(writeClass, () -> {
            task.run();
            return null;
        });
    }

    /** {@link #coalescing(WriteClass, String, Duration, Consumer)} of {@link WriteClass#ALERT} tasks. */
    <K> Consumer<K> coalescing(String what, Duration delay, Consumer<K> task) {
        return coalescing(WriteClass.ALERT, what, delay, task);
    }

    /**
     * A task that runs {@code delay} after it is asked for, once for every request about the same key in the
     * meantime: a burst of changes to one message costs one edit, and that edit draws the newest state.
     */
    <K> Consumer<K> coalescing(WriteClass writeClass, String what, Duration delay, Consumer<K> task) {
        Set<K> waiting = ConcurrentHashMap.newKeySet();
        return key -> {
            if (waiting.add(key)) {
                DeliveryBacklog.Ticket ticket = backlog.queued(writeClass);
                Runnable delivery = () -> {
                    waiting.remove(key);
                    backlog.deliver(ticket, () -> logFailure(what + " " + key, () -> task.accept(key)));
                };
                workers.get(writeClass).schedule(() -> {
                    queued.get(writeClass).add(delivery);
                    runNext(writeClass); // on the worker's own thread, as every()
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
    }

    private void submit(WriteClass writeClass, Runnable task) {
        queued.get(writeClass).add(task);
        try {
            workers.get(writeClass).execute(() -> runNext(writeClass));
        } catch (RejectedExecutionException stopping) {
            // Shutting down, and this was handed over by a task still running in the grace period (a resolution's
            // note, say): delivered by that task's thread rather than lost.
            runNext(writeClass);
        }
    }

    /** Runs one task of the most urgent class this worker takes; every task queued hands its worker one such turn. */
    private void runNext(WriteClass writeClass) {
        for (WriteClass served : served.get(writeClass)) {
            Runnable task = queued.get(served).poll();
            if (task != null) {
                task.run();
                return;
            }
        }
    }

    private static void logFailure(String what, Runnable task) {
        Workers.runLogged("Slack " + what, task);
    }
}
