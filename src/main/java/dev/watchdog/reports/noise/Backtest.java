package dev.watchdog.reports.noise;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.config.Durations;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.RangeSeries;
import dev.watchdog.reports.Numbers;
import dev.watchdog.reports.graph.GraphedExpression;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Replays a rule over Prometheus history (a range query of its own expression at its evaluation step) and
 * finds the smallest change that at least halves its firings: a longer {@code for}, else a threshold further
 * out.
 */
public final class Backtest {

    static final List<Duration> LONGER_FOR = List.of(Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1));
    static final double[] THRESHOLD_FACTORS = {1.25, 1.5, 2, 3};
    /** Prometheus answers at most 11,000 points per series. */
    private static final long MOST_POINTS = 11_000;

    private final PrometheusClient prometheus;
    private final Duration evaluationStep;

    public Backtest(PrometheusClient prometheus, Duration evaluationStep) {
        this.prometheus = prometheus;
        this.evaluationStep = evaluationStep;
    }

    public Optional<Suggestion> suggest(AlertRule rule, Instant from, Instant to) {
        Duration step = step(from, to);
        GraphedExpression split = GraphedExpression.of(rule.expr());
        List<RangeSeries> history = prometheus.queryRange(split.expr(), from, to, step);
        List<Episodes.Episode> asWritten = episodes(split, history, step, split.threshold());
        Duration pendingFor = rule.pendingFor();
        long now = Episodes.firings(asWritten, pendingFor);
        if (now == 0) {
            return Optional.empty();
        }
        for (Duration longer : LONGER_FOR) {
            long firings = Episodes.firings(asWritten, longer);
            if (longer.compareTo(pendingFor) > 0 && firings * 2 <= now) {
                return Optional.of(new Suggestion("for: " + Durations.format(longer), now, firings,
                        Episodes.longestMissed(asWritten, pendingFor, asWritten, longer),
                        RuleDiff.of(rule, "for: " + Durations.format(pendingFor), "for: " + Durations.format(longer),
                                pendingFor.isZero())));
            }
        }
        if (!split.hasThreshold() || split.threshold() == 0) {
            return Optional.empty();
        }
        for (double factor : THRESHOLD_FACTORS) {
            double further = further(split, factor);
            List<Episodes.Episode> after = episodes(split, history, step, further);
            long firings = Episodes.firings(after, pendingFor);
            if (firings * 2 <= now) {
                return Optional.of(new Suggestion("threshold " + Numbers.plain(further), now, firings,
                        Episodes.longestMissed(asWritten, pendingFor, after, pendingFor),
                        RuleDiff.of(rule, "expr: " + rule.expr(), "expr: " + split.withThreshold(further), false)));
            }
        }
        return Optional.empty();
    }

    /** The evaluation step, or a whole multiple of it when the period holds too many. */
    Duration step(Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds();
        long evaluation = Math.max(1, evaluationStep.toSeconds());
        long steps = Math.max(1, (seconds / MOST_POINTS + evaluation) / evaluation);
        return Duration.ofSeconds(steps * evaluation);
    }

    private static List<Episodes.Episode> episodes(GraphedExpression split, List<RangeSeries> history, Duration step,
            double threshold) {
        return Episodes.of(history, step, value -> !split.hasThreshold() || split.holds(value, threshold));
    }

    /** A threshold {@code factor} times further from zero in the direction the comparison alerts. */
    private static double further(GraphedExpression split, double factor) {
        boolean above = switch (split.op()) {
            case GTR, GTE -> true;
            default -> false;
        };
        double threshold = split.threshold();
        boolean positive = threshold > 0;
        return above == positive ? threshold * factor : threshold / factor;
    }
}
