package dev.watchdog.promql;

import java.util.List;
import java.util.function.Function;
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

    /**
     * {@code expr} with subtrees replaced: {@code replacement} sees each node, parents first; where it returns a
     * tree, that tree takes the node's place (and is not walked again), where it returns null the node is kept
     * and its operands are walked.
     */
    public static Expr rewrite(Expr expr, Function<Expr, Expr> replacement) {
        Expr replaced = replacement.apply(expr);
        if (replaced != null) {
            return replaced;
        }
        Function<Expr, Expr> walk = child -> rewrite(child, replacement);
        if (expr instanceof MatrixSelector matrix) {
            Expr selector = walk.apply(matrix.selector());
            return selector instanceof VectorSelector vector ? new MatrixSelector(vector, matrix.range()) : selector;
        }
        if (expr instanceof SubqueryExpr sub) {
            return new SubqueryExpr(walk.apply(sub.expr()), sub.range(), sub.step(), sub.offset(), sub.at());
        }
        if (expr instanceof ParenExpr paren) {
            return new ParenExpr(walk.apply(paren.expr()));
        }
        if (expr instanceof UnaryExpr unary) {
            return new UnaryExpr(unary.negative(), walk.apply(unary.expr()));
        }
        if (expr instanceof BinaryExpr binary) {
            return new BinaryExpr(walk.apply(binary.lhs()), binary.op(), walk.apply(binary.rhs()), binary.returnBool(),
                    binary.matching());
        }
        if (expr instanceof AggregateExpr aggregate) {
            return new AggregateExpr(aggregate.op(), aggregate.param() == null ? null : walk.apply(aggregate.param()),
                    walk.apply(aggregate.expr()), aggregate.grouping());
        }
        if (expr instanceof Call call) {
            return new Call(call.function(), call.args().stream().map(walk).toList());
        }
        return expr;
    }
}
