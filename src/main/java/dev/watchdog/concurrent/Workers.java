package dev.watchdog.concurrent;

import io.opentelemetry.context.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of Watchdog's threads: every pool and scheduler is made here, named, and stopped
 * here on shutdown, newest first, with one shared grace period for queued work (a Slack edit,
 * say) before what is left is interrupted. A routine that throws is logged with its stack trace
 * and runs again next time: a scheduled executor would otherwise cancel it silently.
 */
public final class Workers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Workers.class);
    private static final long STOP_WAIT_SECONDS = 5;

    private final Deque<ExecutorService> owned = new ArrayDeque<>();

    /** A fixed pool of {@code size} threads named {@code name-N}. */
    public synchronized ExecutorService pool(String name, int size) {
        return own(Executors.newFixedThreadPool(size, Threads.named(name)));
    }

    /**
     * {@code threads} threads with room for {@code queued} waiting tasks; beyond that a task is
     * refused ({@link java.util.concurrent.RejectedExecutionException}) so the caller can say so.
     */
    public synchronized ExecutorService bounded(String name, int threads, int queued) {
        return own(new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(queued),
                Threads.named(name)));
    }

    /** One thread that runs tasks in order, now or later. */
    public synchronized ScheduledExecutorService serial(String name) {
        return own(Executors.newSingleThreadScheduledExecutor(Threads.named(name)));
    }

    /** Runs the routine on a thread of its own, first after its initial delay, then after each interval. */
    public void schedule(Routine routine) {
        scheduleOn(serial(routine.name()), routine);
    }

    /** Runs the routine on an existing serial executor, in order with its other work. */
    public static void scheduleOn(ScheduledExecutorService executor, Routine routine) {
        executor.scheduleWithFixedDelay(() -> runLogged(routine.name(), routine::runOnce),
                routine.initialDelay().toMillis(), routine.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task}; a failure is logged with its stack trace instead of ending the caller's thread. */
    public static void runLogged(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException failure) {
            log.error("{} failed: {}", what, failure.toString(), failure);
        }
    }

    private ExecutorService own(ExecutorService executor) {
        owned.push(executor);
        // Work handed to a pool stays in the trace (and carries the log ids) of whoever handed it over.
        return Context.taskWrapping(executor);
    }

    private ScheduledExecutorService own(ScheduledExecutorService executor) {
        owned.push(executor);
        return Context.taskWrapping(executor);
    }

    @Override
    public synchronized void close() {
        owned.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        while (!owned.isEmpty()) {
            ExecutorService executor = owned.pop();
            try {
                if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException interrupted) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
