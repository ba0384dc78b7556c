package dev.watchdog.promql;

/**
 * A PromQL expression: an immutable tree of records, compared by value. Positions in the source text are
 * not part of it (they live in the parser while it checks types), so {@code parse(print(e))} equals {@code e}.
 */
public sealed interface Expr permits NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, SubqueryExpr,
        ParenExpr, UnaryExpr, BinaryExpr, AggregateExpr, Call {

    /** What the expression evaluates to. */
    ValueType type();
}
