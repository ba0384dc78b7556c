package dev.watchdog.promql;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each node of one parse began, and where each binary operator stands, so type errors can point into
 * the text. Kept beside the tree (by node identity) so the tree itself stays a plain value.
 */
final class Positions {

    private final Map<Expr, Integer> starts = new IdentityHashMap<>();
    private final Map<Expr, Integer> operators = new IdentityHashMap<>();

    <T extends Expr> T starting(T expr, int pos) {
        starts.put(expr, pos);
        return expr;
    }

    /** Records that {@code replacement} (the same node with a modifier added) begins where {@code original} did. */
    <T extends Expr> T sameAs(T replacement, Expr original) {
        return starting(replacement, start(original));
    }

    BinaryExpr operator(BinaryExpr expr, int pos) {
        operators.put(expr, pos);
        return expr;
    }

    int start(Expr expr) {
        return starts.getOrDefault(expr, 0);
    }

    int operator(BinaryExpr expr) {
        return operators.getOrDefault(expr, start(expr));
    }
}
