package dev.watchdog.concurrent;

import java.time.Duration;

/**
 * Work a feature does on a schedule (reminders, retention, expiry sweeps, imports). The core runs
 * it; a routine only says what it does and how often, so no feature makes threads of its own.
 */
public interface Routine {

    /** Names the routine's thread and its log lines. */
    String name();

    /** Time between the end of one run and the start of the next. */
    Duration interval();

    /** Time before the first run; most routines start at once. */
    default Duration initialDelay() {
        return Duration.ZERO;
    }

    void runOnce();

    /** A routine that runs {@code body} every {@code interval}, after {@code initialDelay}. */
    static Routine of(String name, Duration interval, Duration initialDelay, Runnable body) {
        return new Routine() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration interval() {
                return interval;
            }

            @Override
            public Duration initialDelay() {
                return initialDelay;
            }

            @Override
            public void runOnce() {
                body.run();
            }
        };
    }
}
