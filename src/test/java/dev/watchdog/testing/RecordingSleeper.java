package dev.watchdog.testing;

import dev.watchdog.slack.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Sleeper} that returns at once: it records each requested wait and moves the clock on by it. */
public final class RecordingSleeper implements Sleeper {

    private final MutableClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    public RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        clock.advance(duration);
    }

    /** Every wait asked for so far, oldest first. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
