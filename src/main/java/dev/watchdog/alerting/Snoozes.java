package dev.watchdog.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every rule about snoozes, in one place: which alert a snooze is for, whether one holds now, how
 * long one may be, when an alert has outgrown its snooze, and which snoozes have run out.
 */
public final class Snoozes {

    public static final Duration SHORTEST = Duration.ofMinutes(1);
    public static final Duration LONGEST = Duration.ofDays(7);

    private final AlertStore store;
    private final List<Duration> offered;
    private final Clock clock;

    /** @param offered the durations the Snooze select offers */
    public Snoozes(AlertStore store, List<Duration> offered, Clock clock) {
        this.store = store;
        this.offered = List.copyOf(offered);
        this.clock = clock;
    }

    /**
     * The key a snooze is kept under: the alert regardless of its severity, so the snooze still
     * knows the alert when a rule raises it again at another severity.
     */
    public static String keyOf(AlertInstance alert) {
        Map<String, String> withoutSeverity = new TreeMap<>(alert.labels());
        withoutSeverity.remove("severity");
        return Fingerprint.of(withoutSeverity);
    }

    public static boolean isFor(Snooze snooze, AlertInstance alert) {
        return snooze.key().equals(keyOf(alert));
    }

    /**
     * A snooze holds an alert at the severity it was snoozed at or lower; an alert that comes back
     * more severe has outgrown it, since whoever snoozed it did not decide about that.
     */
    public static boolean isOutgrownBy(Snooze snooze, AlertInstance alert) {
        return Severity.of(alert).isHigherThan(Severity.of(snooze.severity()));
    }

    public List<Duration> offered() {
        return offered;
    }

    /**
     * @param offeredOnly true for the Snooze select, which accepts only what it offers; a typed
     *     command accepts anything from {@link #SHORTEST} to {@link #LONGEST}
     */
    public boolean allows(Duration duration, boolean offeredOnly) {
        return offeredOnly ? offered.contains(duration)
                : duration.compareTo(SHORTEST) >= 0 && duration.compareTo(LONGEST) <= 0;
    }

    /** The snooze holding this alert now, if there is one. */
    public Optional<Snooze> active(AlertInstance alert) {
        return store.snoozeOf(keyOf(alert)).filter(snooze -> snooze.activeAt(clock.instant()));
    }

    /** Snoozes the alert from now, replacing any snooze it had; the caller checked the duration. */
    public Snooze snooze(AlertInstance alert, String userId, Duration duration) {
        Instant now = clock.instant();
        Snooze snooze = new Snooze(keyOf(alert), userId, now.plus(duration), now, alert.severity());
        store.snooze(snooze);
        return snooze;
    }

    /** Ends the alert's snooze now; false when none held it. */
    public boolean unsnooze(AlertInstance alert) {
        if (active(alert).isEmpty()) {
            return false;
        }
        store.unsnooze(keyOf(alert));
        return true;
    }

    /** Ends a snooze the alert outgrew (see {@link #isOutgrownBy}). */
    public void end(Snooze snooze) {
        store.unsnooze(snooze.key());
    }

    /** Removes the snoozes that have run out and returns them, so whoever snoozed can be told. */
    public List<Snooze> takeEnded() {
        Instant now = clock.instant();
        List<Snooze> ended = store.snoozes().stream().filter(snooze -> !snooze.activeAt(now)).toList();
        ended.forEach(this::end);
        return ended;
    }
}
