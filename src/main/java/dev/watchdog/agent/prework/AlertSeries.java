package dev.watchdog.agent.prework;

import dev.watchdog.prometheus.ChangePoints;
import dev.watchdog.prometheus.RangeSeries;
import dev.watchdog.prometheus.SeriesTimeline;
import dev.watchdog.promql.BinaryExpr;
import dev.watchdog.promql.Expr;
import dev.watchdog.promql.NumberLiteral;
import dev.watchdog.promql.ParenExpr;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import java.time.Instant;
import java.util.List;

/**
 * The alert's own expression read over a window around its onset. A rule such as
 * {@code error_ratio > 0.05} returns only the points above the threshold, which hides the change;
 * so the comparison with a number is dropped and the value side is read ({@code error_ratio}).
 * The onset is where that value's current excursion began, else where its data begins late (the
 * series appeared), else when the alert started.
 */
public final class AlertSeries {

    private AlertSeries() {
    }

    /** The value side of {@code expr}: the left of a top-level comparison with a number literal, else expr itself. */
    public static String valueExpression(String expr) {
        try {
            Expr parsed = PromQL.parse(expr);
            while (parsed instanceof ParenExpr paren) {
                parsed = paren.expr();
            }
            if (parsed instanceof BinaryExpr binary && binary.op().isComparison() && !binary.returnBool()) {
                if (isNumber(binary.rhs())) {
                    return PromQL.print(binary.lhs());
                }
                if (isNumber(binary.lhs())) {
                    return PromQL.print(binary.rhs());
                }
            }
            return expr;
        } catch (PromqlException e) {
            return expr;
        }
    }

    private static boolean isNumber(Expr expr) {
        Expr inner = expr;
        while (inner instanceof ParenExpr paren) {
            inner = paren.expr();
        }
        return inner instanceof NumberLiteral;
    }

    /**
     * The onset: the earliest excursion start among the series that lies in {@code [windowStart, firedAt]};
     * else the latest data start that is late by more than two steps; else {@code firedAt}.
     */
    static Instant onset(List<RangeSeries> series, Instant windowStart, Instant firedAt, java.time.Duration step) {
        Instant best = null;
        for (RangeSeries one : series) {
            ChangePoints.Result found = ChangePoints.find(one.points());
            Instant candidate = found.onset();
            if (candidate == null) {
                SeriesTimeline timeline = SeriesTimeline.of(one);
                if (timeline.firstData() != null && timeline.firstData().isAfter(windowStart.plus(step.multipliedBy(2)))) {
                    candidate = timeline.firstData();
                }
            }
            if (candidate != null && !candidate.isAfter(firedAt) && (best == null || candidate.isBefore(best))) {
                best = candidate;
            }
        }
        return best != null ? best : firedAt;
    }
}
