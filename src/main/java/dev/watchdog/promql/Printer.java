package dev.watchdog.promql;

import dev.watchdog.gotemplate.GoStrings;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes an expression back as PromQL, in one canonical layout ({@code sum by (job) (rate(x[5m]))}), so that
 * parsing the text gives an equal tree. Parentheses the tree needs but does not hold (a tree built by code
 * rather than parsed) are added.
 */
final class Printer {

    private static final Pattern LEGACY_LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final StringBuilder out = new StringBuilder();

    static String print(Expr expr) {
        Printer printer = new Printer();
        printer.write(expr);
        return printer.out.toString();
    }

    private void write(Expr expr) {
        if (expr instanceof NumberLiteral number) {
            out.append(number.duration() ? Numbers.format(Numbers.toDuration(number.value()))
                    : Numbers.format(number.value()));
        } else if (expr instanceof StringLiteral string) {
            out.append(GoStrings.quote(string.value(), false));
        } else if (expr instanceof VectorSelector selector) {
            selector(selector);
            modifiers(selector.offset(), selector.at());
        } else if (expr instanceof MatrixSelector matrix) {
            selector(matrix.selector());
            out.append('[').append(Numbers.format(matrix.range())).append(']');
            modifiers(matrix.selector().offset(), matrix.selector().at());
        } else if (expr instanceof SubqueryExpr subquery) {
            operand(subquery.expr(), subquery.expr() instanceof BinaryExpr || isSigned(subquery.expr()));
            out.append('[').append(Numbers.format(subquery.range())).append(':');
            if (!subquery.step().isZero()) {
                out.append(Numbers.format(subquery.step()));
            }
            out.append(']');
            modifiers(subquery.offset(), subquery.at());
        } else if (expr instanceof ParenExpr paren) {
            operand(paren.expr(), true);
        } else if (expr instanceof UnaryExpr unary) {
            out.append(unary.negative() ? '-' : '+');
            operand(unary.expr(), bindsLooser(unary.expr(), BinaryOp.UNARY_OPERAND_PRECEDENCE));
        } else if (expr instanceof BinaryExpr binary) {
            binary(binary);
        } else if (expr instanceof AggregateExpr aggregate) {
            aggregate(aggregate);
        } else if (expr instanceof Call call) {
            out.append(call.function().name()).append('(');
            arguments(call.args());
            out.append(')');
        }
    }

    private void selector(VectorSelector selector) {
        out.append(selector.name());
        if (!selector.matchers().isEmpty() || selector.name().isEmpty()) {
            out.append('{');
            for (int i = 0; i < selector.matchers().size(); i++) {
                LabelMatcher matcher = selector.matchers().get(i);
                out.append(i > 0 ? "," : "").append(label(matcher.name())).append(matcher.op().symbol())
                        .append(GoStrings.quote(matcher.value(), false));
            }
            out.append('}');
        }
    }

    private void modifiers(Duration offset, AtModifier at) {
        if (at instanceof AtModifier.Timestamp timestamp) {
            out.append(" @ ").append(Numbers.formatTimestamp(timestamp.millis()));
        } else if (at != null) {
            out.append(at == AtModifier.Boundary.START ? " @ start()" : " @ end()");
        }
        if (!offset.isZero()) {
            out.append(" offset ").append(Numbers.format(offset));
        }
    }

    private void binary(BinaryExpr binary) {
        BinaryOp op = binary.op();
        int left = op.rightAssociative() ? op.precedence() + 1 : op.precedence();
        int right = op.rightAssociative() ? op.precedence() : op.precedence() + 1;
        // "-a ^ b" reads as -(a ^ b), so a signed left operand of ^ keeps its parentheses
        operand(binary.lhs(), bindsLooser(binary.lhs(), left) || op == BinaryOp.POW && isSigned(binary.lhs()));
        out.append(' ').append(op.symbol());
        if (binary.returnBool()) {
            out.append(" bool");
        }
        VectorMatching matching = binary.matching();
        if (matching != null) {
            out.append(matching.on() ? " on " : " ignoring ");
            labels(matching.labels());
            if (matching.cardinality() != VectorMatching.Cardinality.ONE_TO_ONE) {
                out.append(matching.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE ? " group_left "
                        : " group_right ");
                labels(matching.include());
            }
        }
        out.append(' ');
        operand(binary.rhs(), bindsLooser(binary.rhs(), right));
    }

    private void aggregate(AggregateExpr aggregate) {
        out.append(aggregate.op().keyword());
        Grouping grouping = aggregate.grouping();
        if (grouping.kind() != Grouping.Kind.NONE) {
            out.append(grouping.kind() == Grouping.Kind.BY ? " by " : " without ");
            labels(grouping.labels());
            out.append(' ');
        }
        out.append('(');
        if (aggregate.param() != null) {
            write(aggregate.param());
            out.append(", ");
        }
        write(aggregate.expr());
        out.append(')');
    }

    private void arguments(List<Expr> args) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(args.get(i));
        }
    }

    private void labels(List<String> labels) {
        out.append('(');
        for (int i = 0; i < labels.size(); i++) {
            out.append(i > 0 ? ", " : "").append(label(labels.get(i)));
        }
        out.append(')');
    }

    private void operand(Expr expr, boolean parenthesize) {
        if (parenthesize) {
            out.append('(');
        }
        write(expr);
        if (parenthesize) {
            out.append(')');
        }
    }

    /** Whether {@code expr} is a binary expression whose operator binds looser than {@code minPrecedence}. */
    private static boolean bindsLooser(Expr expr, int minPrecedence) {
        return expr instanceof BinaryExpr binary && binary.op().precedence() < minPrecedence;
    }

    /** A sign in front: it would take in what follows ({@code -x[5m:]} is {@code -(x[5m:])}). */
    private static boolean isSigned(Expr expr) {
        return expr instanceof UnaryExpr || expr instanceof NumberLiteral number
                && (number.value() < 0 || Double.doubleToRawLongBits(number.value()) == Long.MIN_VALUE);
    }

    /** Names that are not classic label names are quoted, as Prometheus 3 allows. */
    private static String label(String name) {
        return LEGACY_LABEL.matcher(name).matches() ? name : GoStrings.quote(name, false);
    }
}
