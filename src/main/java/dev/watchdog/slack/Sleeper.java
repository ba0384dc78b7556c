package dev.watchdog.slack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits for time to pass. Injected next to a {@code Clock} so that tests record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Really blocks the calling thread. */
    static Sleeper system() {
        return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
