package dev.watchdog.agent.prework;

import dev.watchdog.prometheus.ChangePoints;
import dev.watchdog.prometheus.SeriesCompactor;
import dev.watchdog.prometheus.Times;
import java.time.Instant;

/** A series next to the alert's (same job or service) that changed around the onset. */
public record NeighbourChange(String query, ChangePoints.Change change) {

    /** {@code sum(rate(db_pool_wait_total{job="api"}[5m])) level shift 0.1 -> 42 at 10:30:50Z (25s before the onset)}. */
    public String describe(Instant onset) {
        String what = change.kind() == ChangePoints.Kind.LEVEL_SHIFT
                ? "level shift " + SeriesCompactor.number(change.before()) + " -> " + SeriesCompactor.number(change.after())
                : "slope change " + SeriesCompactor.number(change.before()) + "/min -> "
                        + SeriesCompactor.number(change.after()) + "/min";
        return query + ": " + what + " at " + Times.at(change.time()) + " (" + Times.relative(change.time(), onset)
                + " the onset)";
    }
}
