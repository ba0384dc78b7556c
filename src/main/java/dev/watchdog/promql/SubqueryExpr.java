package dev.watchdog.promql;

import java.time.Duration;

/**
 * A subquery: {@code rate(x[5m])[1h:1m]}.
 *
 * @param step {@link Duration#ZERO} for {@code [1h:]}, the evaluation interval
 * @param offset {@link Duration#ZERO} when there is none
 * @param at null when there is no {@code @} modifier
 */
public record SubqueryExpr(Expr expr, Duration range, Duration step, Duration offset, AtModifier at)
        implements Expr {

    public SubqueryExpr withOffset(Duration newOffset) {
        return new SubqueryExpr(expr, range, step, newOffset, at);
    }

    public SubqueryExpr withAt(AtModifier newAt) {
        return new SubqueryExpr(expr, range, step, offset, newAt);
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }
}
