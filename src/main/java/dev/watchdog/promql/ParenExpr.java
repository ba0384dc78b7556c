package dev.watchdog.promql;

/** Parentheses, kept so that printing gives back what was written. */
public record ParenExpr(Expr expr) implements Expr {

    @Override
    public ValueType type() {
        return expr.type();
    }
}
