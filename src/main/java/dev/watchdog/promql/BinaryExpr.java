package dev.watchdog.promql;

/**
 * {@code lhs op rhs}, e.g. {@code errors / on (job) group_left requests > bool 0.1}.
 *
 * @param returnBool the {@code bool} modifier of a comparison
 * @param matching null when neither {@code on} nor {@code ignoring} was written
 */
public record BinaryExpr(Expr lhs, BinaryOp op, Expr rhs, boolean returnBool, VectorMatching matching)
        implements Expr {

    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
    }
}
