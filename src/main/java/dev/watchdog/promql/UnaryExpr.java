package dev.watchdog.promql;

/** {@code -expr} or {@code +expr}; a sign before a plain number is folded into the {@link NumberLiteral}. */
public record UnaryExpr(boolean negative, Expr expr) implements Expr {

    @Override
    public ValueType type() {
        return expr.type();
    }
}
