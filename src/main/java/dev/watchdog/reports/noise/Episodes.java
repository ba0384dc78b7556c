package dev.watchdog.reports.noise;

import dev.watchdog.prometheus.Point;
import dev.watchdog.prometheus.RangeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

/**
 * The stretches of time a rule's condition held, per series, from a range query at the rule's evaluation
 * step: what an alert rule with {@code for: F} turns into firings (a stretch fires when it lasts at least F).
 */
public final class Episodes {

    /** One stretch of one series, from its first step to its last (one step lasts zero). */
    public record Episode(String series, Instant start, Instant end) {

        public Duration lasted() {
            return Duration.between(start, end);
        }

        public boolean fires(Duration pendingFor) {
            return lasted().compareTo(pendingFor) >= 0;
        }

        boolean overlaps(Episode other) {
            return series.equals(other.series) && !other.end.isBefore(start) && !other.start.isAfter(end);
        }
    }

    private Episodes() {
    }

    /** @param holds whether a point's value meets the condition; points are missing where the series was absent */
    public static List<Episode> of(List<RangeSeries> series, Duration step, DoublePredicate holds) {
        List<Episode> episodes = new ArrayList<>();
        for (RangeSeries one : series) {
            String name = one.labels().toString();
            Instant start = null;
            Instant last = null;
            for (Point point : one.points()) {
                boolean on = !Double.isNaN(point.value()) && holds.test(point.value());
                boolean continues = on && last != null && !point.time().isAfter(last.plus(step));
                if (start != null && !continues) {
                    episodes.add(new Episode(name, start, last));
                    start = null;
                }
                if (on && start == null) {
                    start = point.time();
                }
                last = on ? point.time() : null;
            }
            if (start != null) {
                episodes.add(new Episode(name, start, last));
            }
        }
        return episodes;
    }

    /** How many stretches a rule with {@code for: pendingFor} fires for. */
    public static long firings(List<Episode> episodes, Duration pendingFor) {
        return episodes.stream().filter(episode -> episode.fires(pendingFor)).count();
    }

    /** The longest stretch that fired before and overlaps none that fires after a change; zero if none. */
    public static Duration longestMissed(List<Episode> before, Duration forBefore, List<Episode> after,
            Duration forAfter) {
        return before.stream()
                .filter(episode -> episode.fires(forBefore))
                .filter(episode -> after.stream().noneMatch(kept -> kept.fires(forAfter) && kept.overlaps(episode)))
                .map(Episode::lasted)
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
