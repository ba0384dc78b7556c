package dev.watchdog.agent.prework;

import dev.watchdog.deploys.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Orders deployments by their distance to the onset. One that lands in the window just before the
 * onset is a suspect: the classic "it broke right after we shipped". Deployments after the onset
 * (beyond a minute of clock skew) cannot have caused it and rank last.
 */
public final class DeployRanking {

    /** How long before the onset a deployment still counts as a suspect: rollouts and warm-up take minutes. */
    public static final Duration SUSPECT_WINDOW = Duration.ofMinutes(15);
    /** Deploy tools and Prometheus do not share a clock. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private DeployRanking() {
    }

    public static List<RankedDeployment> rank(List<Deployment> deployments, Instant onset) {
        return deployments.stream()
                .map(deployment -> {
                    Duration fromOnset = Duration.between(onset, deployment.time());
                    boolean suspect = !fromOnset.isNegative() ? fromOnset.compareTo(CLOCK_SKEW) <= 0
                            : fromOnset.negated().compareTo(SUSPECT_WINDOW) <= 0;
                    return new RankedDeployment(deployment, fromOnset, suspect);
                })
                .sorted(Comparator.comparing((RankedDeployment ranked) -> !ranked.suspect())
                        .thenComparing(ranked -> isAfterSkew(ranked.fromOnset()))
                        .thenComparing(ranked -> ranked.fromOnset().abs()))
                .toList();
    }

    private static boolean isAfterSkew(Duration fromOnset) {
        return fromOnset.compareTo(CLOCK_SKEW) > 0;
    }
}
