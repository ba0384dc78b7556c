package dev.watchdog.reports.graph;

import dev.watchdog.promql.BinaryExpr;
import dev.watchdog.promql.BinaryOp;
import dev.watchdog.promql.Expr;
import dev.watchdog.promql.NumberLiteral;
import dev.watchdog.promql.ParenExpr;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import dev.watchdog.reports.Numbers;

/**
 * A rule's expression split at its comparison: for {@code rate(errors[5m]) > 0.05} the left side, the
 * operator and 0.05, since the comparison itself returns only the values past the threshold. An expression
 * without such a comparison stays whole, with no operator and a NaN threshold.
 *
 * @param op the comparison, written as {@code expr op threshold} (a number on the left is turned around), or null
 */
public record GraphedExpression(String expr, BinaryOp op, double threshold) {

    public static GraphedExpression of(String promql) {
        try {
            Expr parsed = unwrap(PromQL.parse(promql));
            if (parsed instanceof BinaryExpr comparison && comparison.op().isComparison() && !comparison.returnBool()
                    && comparison.matching() == null) {
                if (unwrap(comparison.rhs()) instanceof NumberLiteral number) {
                    return new GraphedExpression(PromQL.print(comparison.lhs()), comparison.op(), number.value());
                }
                if (unwrap(comparison.lhs()) instanceof NumberLiteral number) {
                    return new GraphedExpression(PromQL.print(comparison.rhs()), comparison.op().mirrored(),
                            number.value());
                }
            }
        } catch (PromqlException unparsable) {
            // kept whole: Prometheus says what is wrong with it
        }
        return new GraphedExpression(promql, null, Double.NaN);
    }

    public boolean hasThreshold() {
        return op != null;
    }

    /** Whether a value of {@link #expr} meets the comparison against {@code limit}. */
    public boolean holds(double value, double limit) {
        return switch (op) {
            case GTR -> value > limit;
            case GTE -> value >= limit;
            case LSS -> value < limit;
            case LTE -> value <= limit;
            case EQL -> value == limit;
            case NEQ -> value != limit;
            default -> throw new IllegalStateException("not a comparison: " + op);
        };
    }

    /** The expression with another threshold, written as Prometheus would read it. */
    public String withThreshold(double limit) {
        return expr + " " + op.symbol() + " " + Numbers.plain(limit);
    }


    private static Expr unwrap(Expr expr) {
        Expr inner = expr;
        while (inner instanceof ParenExpr paren) {
            inner = paren.expr();
        }
        return inner;
    }
}
