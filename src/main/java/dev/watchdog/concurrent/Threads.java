package dev.watchdog.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every Watchdog thread is made: named (so a thread dump says whose it is), a daemon (so a
 * stuck peer call never keeps the JVM from exiting) and with uncaught exceptions logged with
 * their stack trace, since a task that dies silently is a feature that stopped without a word.
 */
public final class Threads {

    private static final Logger log = LoggerFactory.getLogger(Threads.class);

    private Threads() {
    }

    /** Threads named {@code name-1}, {@code name-2}, …; a single-thread user gets {@code name-1}. */
    public static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((dead, failure) ->
                    log.error("thread {} died: {}", dead.getName(), failure.toString(), failure));
            return thread;
        };
    }
}
