package dev.watchdog.alerting.notify;

import dev.watchdog.slack.PostedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notices alert storms per channel: more than {@code threshold} new alerts within {@code window}.
 * During a storm, alerts join one group message instead of each taking a place in the channel;
 * the storm ends once a window passes without a new alert. Used by the delivery thread only.
 */
final class StormGuard {

    /** One storm in one channel: its group message and the alerts that joined it. */
    static final class Storm {
        final Instant startedAt;
        final List<Long> alertIds = new ArrayList<>();
        PostedMessage groupMessage;
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

    /** Counts a new alert in the channel; returns the storm it belongs to, if the channel is in one. */
    Optional<Storm> admit(String channel, long alertId, Instant now) {
        Storm storm = storms.get(channel);
        if (storm != null && Duration.between(storm.lastAlertAt, now).compareTo(window) > 0) {
            storms.remove(channel);
            storm = null;
        }
        Deque<Instant> times = recent.computeIfAbsent(channel, c -> new ArrayDeque<>());
        times.addLast(now);
        while (!times.isEmpty() && Duration.between(times.peekFirst(), now).compareTo(window) > 0) {
            times.removeFirst();
        }
        if (storm == null && times.size() > threshold) {
            storm = new Storm(now);
            storms.put(channel, storm);
        }
        if (storm != null) {
            storm.alertIds.add(alertId);
            storm.lastAlertAt = now;
        }
        return Optional.ofNullable(storm);
    }

    Optional<Storm> current(String channel) {
        return Optional.ofNullable(storms.get(channel));
    }

    Map<String, Storm> storms() {
        return storms;
    }
}
