package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertStorm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Notices alert storms per channel: more than {@code threshold} new alerts within {@code window}.
 * During a storm, alerts join one group message instead of each taking a place in the channel;
 * the storm ends once a window passes without a new alert. Used by the delivery thread only.
 */
final class StormGuard {

    /** One storm in one channel; its id is the store's, null until its first members are recorded. */
    static final class Storm {
        final Instant startedAt;
        Long id;
        Instant lastAlertAt;

        Storm(Instant startedAt) {
            this.startedAt = startedAt;
            this.lastAlertAt = startedAt;
        }
    }

    private final int threshold;
    private final Duration window;
    private final Map<String, Deque<Instant>> recent = new HashMap<>();
    private final Map<String, Storm> storms = new HashMap<>();

    StormGuard(int threshold, Duration window) {
        this.threshold = threshold;
        this.window = window;
    }

    /**
     * A batch (one poll, one webhook) brings {@code count} new alerts to the channel at once. If they and the
     * window's earlier ones exceed the threshold, the storm starts now, with the first of them: alerts that arrive
     * together have no order, so none of them is posted alone ahead of the rest.
     */
    void expect(String channel, int count, Instant now) {
        Storm storm = storms.get(channel);
        if ((storm == null || quietSince(storm.lastAlertAt, now)) && recent(channel, now).size() + count > threshold) {
            storms.put(channel, new Storm(now));
        }
    }

    /** Counts a new alert in the channel; returns the storm it belongs to, if the channel is in one. */
    Optional<Storm> admit(String channel, Instant now) {
        Storm storm = storms.get(channel);
        if (storm != null && quietSince(storm.lastAlertAt, now)) {
            storms.remove(channel);
            storm = null;
        }
        Deque<Instant> times = recent(channel, now);
        times.addLast(now);
        if (storm == null && times.size() > threshold) {
            storm = new Storm(now);
            storms.put(channel, storm);
        }
        if (storm != null) {
            storm.lastAlertAt = now;
        }
        return Optional.ofNullable(storm);
    }

    /** The channel's new alerts within the window before {@code now}. */
    private Deque<Instant> recent(String channel, Instant now) {
        Deque<Instant> times = recent.computeIfAbsent(channel, c -> new ArrayDeque<>());
        while (!times.isEmpty() && Duration.between(times.peekFirst(), now).compareTo(window) > 0) {
            times.removeFirst();
        }
        return times;
    }

    Optional<Storm> current(String channel) {
        return Optional.ofNullable(storms.get(channel));
    }

    /** Goes on with a storm the store holds as open (after a restart, or a change of leader). */
    void resume(AlertStorm stored) {
        Storm storm = new Storm(stored.startedAt());
        storm.id = stored.id();
        storm.lastAlertAt = stored.lastAlertAt();
        storms.putIfAbsent(stored.channel(), storm);
    }

    /** Forgets the channel's storm once the store has ended it. */
    void ended(String channel, long stormId) {
        Storm storm = storms.get(channel);
        if (storm != null && storm.id != null && storm.id == stormId) {
            storms.remove(channel);
        }
    }

    /** Whether the channel's storm is over at {@code now}: a window passed since its last alert. */
    boolean quietSince(Instant lastAlertAt, Instant now) {
        return Duration.between(lastAlertAt, now).compareTo(window) > 0;
    }
}
