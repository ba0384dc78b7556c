package dev.watchdog.agent.prework;

import dev.watchdog.deploys.Deployment;
import dev.watchdog.prometheus.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Names a likely cause when the pre-work points at one, in words for people:
 * "checkout 1.5.0 deployed 38s before the onset; new ConnectionPoolTimeoutException on /api/orders".
 * In order of weight: a deployment in the window just before the onset, a burst of new (or much more
 * frequent) log errors, a neighbour series that changed with the alert. Nothing of those: no cause.
 */
final class LikelyCause {

    static final String NONE = "No single cause found";

    private LikelyCause() {
    }

    static Optional<String> of(PreWorkReport report) {
        List<String> parts = new ArrayList<>();
        report.suspects().stream().findFirst().ifPresent(ranked -> parts.add(deployment(ranked)));
        report.bursts().stream().findFirst().ifPresent(burst -> parts.add(burst(burst)));
        if (parts.size() < 2) {
            report.neighbours().stream().findFirst().ifPresent(change -> parts.add(change.describe(report.onset())));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    private static String deployment(RankedDeployment ranked) {
        Deployment d = ranked.deployment();
        String what = (d.service().isEmpty() ? "" : d.service() + " ") + (d.version().isEmpty() ? "a new version"
                : d.version());
        return what + " deployed " + Times.relative(d.time(), ranked.onset()) + " the onset (" + Times.at(d.time()) + ")";
    }

    private static String burst(LogBurst burst) {
        String where = burst.where();
        String rate = burst.isNew() ? "new " : Math.round(burst.rateRatio()) + "x more frequent ";
        return rate + burst.name() + (where == null ? "" : " on " + where) + " (" + burst.group().count()
                + " since " + Times.at(burst.group().first()) + ")";
    }
}
