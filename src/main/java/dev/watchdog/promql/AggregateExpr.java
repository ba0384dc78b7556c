package dev.watchdog.promql;

/**
 * {@code sum by (job) (x)}, {@code topk(3, x)}, {@code count_values("v", x)}.
 *
 * @param param the parameter of {@code topk}, {@code quantile}, ...; null for operators without one
 */
public record AggregateExpr(AggregateOp op, Expr param, Expr expr, Grouping grouping) implements Expr {

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
