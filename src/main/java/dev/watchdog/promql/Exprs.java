package dev.watchdog.promql;

import java.util.List;
import java.util.stream.Stream;

/** Walking an expression tree. */
public final class Exprs {

    private Exprs() {
    }

    /** The direct operands of {@code expr}, in the order they are written. */
    public static List<Expr> children(Expr expr) {
        if (expr instanceof MatrixSelector matrix) {
            return List.of(matrix.selector());
        }
        if (expr instanceof SubqueryExpr subquery) {
            return List.of(subquery.expr());
        }
        if (expr instanceof ParenExpr paren) {
            return List.of(paren.expr());
        }
        if (expr instanceof UnaryExpr unary) {
            return List.of(unary.expr());
        }
        if (expr instanceof BinaryExpr binary) {
            return List.of(binary.lhs(), binary.rhs());
        }
        if (expr instanceof AggregateExpr aggregate) {
            return aggregate.param() == null ? List.of(aggregate.expr()) : List.of(aggregate.param(), aggregate.expr());
        }
        return expr instanceof Call call ? call.args() : List.of();
    }

    /** {@code expr} and everything below it, parents before their operands. */
    public static Stream<Expr> descendants(Expr expr) {
        return Stream.concat(Stream.of(expr), children(expr).stream().flatMap(Exprs::descendants));
    }
}
