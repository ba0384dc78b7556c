package dev.watchdog.promql;

import static dev.watchdog.promql.ValueType.SCALAR;
import static dev.watchdog.promql.ValueType.VECTOR;

import com.google.re2j.Pattern;
import dev.watchdog.gotemplate.GoStrings;
import dev.watchdog.promql.PromqlException.Problem;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Prometheus' type checks after a successful parse, in its order, so the first problem reported is its
 * first: argument types and counts, operand types, {@code bool} and set-operator rules, empty selectors.
 */
final class TypeChecker {

    private final Positions positions;
    /** The label-only selectors {@code info()} takes, which may match every series. */
    private final Set<VectorSelector> labelSelectors = Collections.newSetFromMap(new IdentityHashMap<>());

    TypeChecker(Positions positions) {
        this.positions = positions;
    }

    /** The expression's type; the first problem found is thrown. */
    ValueType check(Expr expr) {
        if (expr instanceof AggregateExpr aggregate) {
            expect(aggregate.expr(), VECTOR, "aggregation expression");
            if (aggregate.op().parameter() != null) {
                expect(aggregate.param(), aggregate.op().parameter(), "aggregation parameter");
            }
        } else if (expr instanceof BinaryExpr binary) {
            checkBinary(binary);
        } else if (expr instanceof Call call) {
            checkCall(call);
        } else if (expr instanceof ParenExpr paren) {
            check(paren.expr());
        } else if (expr instanceof UnaryExpr unary) {
            ValueType type = check(unary.expr());
            if (type != SCALAR && type != VECTOR) {
                throw problem(unary, "unary expression only allowed on expressions of type scalar or instant vector, "
                        + "got " + quote(type.documentedName()));
            }
        } else if (expr instanceof SubqueryExpr subquery) {
            ValueType type = check(subquery.expr());
            if (type != VECTOR) {
                throw problem(subquery, "subquery is only allowed on instant vector, got " + type.internalName()
                        + " instead");
            }
        } else if (expr instanceof MatrixSelector matrix) {
            check(matrix.selector());
        } else if (expr instanceof VectorSelector selector) {
            checkSelector(selector);
        }
        return expr.type();
    }

    private void expect(Expr expr, ValueType wanted, String context) {
        ValueType type = check(expr);
        if (type != wanted) {
            throw problem(expr, "expected type " + wanted.documentedName() + " in " + context + ", got "
                    + type.documentedName());
        }
    }

    private void checkBinary(BinaryExpr binary) {
        ValueType lhs = check(binary.lhs());
        ValueType rhs = check(binary.rhs());
        BinaryOp op = binary.op();
        int opPos = positions.operator(binary);
        if (binary.returnBool() && !op.isComparison()) {
            throw new Problem(opPos, "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && !binary.returnBool() && lhs == SCALAR && rhs == SCALAR) {
            throw new Problem(opPos, "comparisons between scalars must use BOOL modifier");
        }
        VectorMatching matching = binary.matching();
        if (matching != null && matching.on()) {
            for (String label : matching.labels()) {
                if (matching.include().contains(label)) {
                    throw new Problem(opPos, "label " + quote(label)
                            + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lhs != SCALAR && lhs != VECTOR) {
            throw problem(binary.lhs(), "binary expression must contain only scalar and instant vector types");
        }
        if (rhs != SCALAR && rhs != VECTOR) {
            throw problem(binary.rhs(), "binary expression must contain only scalar and instant vector types");
        }
        boolean grouped = matching != null && matching.cardinality() != VectorMatching.Cardinality.ONE_TO_ONE;
        if (lhs != VECTOR || rhs != VECTOR) {
            if (matching != null && !matching.labels().isEmpty()) {
                throw problem(binary, "vector matching only allowed between instant vectors");
            }
        } else if (op.isSetOperator() && grouped) {
            throw problem(binary, "no grouping allowed for " + quote(op.symbol()) + " operation");
        }
        if ((lhs == SCALAR || rhs == SCALAR) && op.isSetOperator()) {
            throw problem(binary, "set operator " + quote(op.symbol()) + " not allowed in binary scalar expression");
        }
    }

    private void checkCall(Call call) {
        Function function = call.function();
        int count = call.args().size();
        String name = quote(function.name());
        if (function.optional() == 0 && count != function.argTypes().size()) {
            throw problem(call, "expected " + function.argTypes().size() + " argument(s) in call to " + name
                    + ", got " + count);
        }
        if (count < function.minArgs()) {
            throw problem(call, "expected at least " + function.minArgs() + " argument(s) in call to " + name
                    + ", got " + count);
        }
        if (count > function.maxArgs()) {
            throw problem(call, "expected at most " + function.maxArgs() + " argument(s) in call to " + name
                    + ", got " + count);
        }
        if (function.name().equals("info") && count > 1) {
            checkInfoSelector(call);
        }
        for (int i = 0; i < count; i++) {
            Expr arg = call.args().get(i);
            ValueType wanted = function.argType(i);
            ValueType type = check(arg);
            if (type != wanted) {
                throw problem(arg, "expected type " + wanted.documentedName() + " in call to function " + name
                        + ", got " + type.documentedName());
            }
        }
    }

    /** {@code info(v, {k="v"})}: the second argument selects data labels by label matchers only. */
    private void checkInfoSelector(Call call) {
        Expr selectorArg = call.args().get(1);
        if (selectorArg.type() != VECTOR) {
            throw problem(call, "expected type instant vector in call to function \"info\", got "
                    + selectorArg.type().documentedName());
        }
        if (!(selectorArg instanceof VectorSelector selector)) {
            throw problem(selectorArg, "expected label selectors only");
        }
        if (!selector.name().isEmpty()) {
            throw problem(selectorArg, "expected label selectors only, got vector selector instead");
        }
        labelSelectors.add(selector);
    }

    private void checkSelector(VectorSelector selector) {
        if (!selector.name().isEmpty()) {
            for (LabelMatcher matcher : selector.matchers()) {
                if (matcher.name().equals(LabelMatcher.METRIC_NAME)) {
                    throw problem(selector, "metric name must not be set twice: " + quote(selector.name()) + " or "
                            + quote(matcher.value()));
                }
            }
            return;
        }
        if (!labelSelectors.contains(selector) && selector.matchers().stream().allMatch(TypeChecker::matchesEmpty)) {
            throw problem(selector, "vector selector must contain at least one non-empty matcher");
        }
    }

    /** Whether the matcher selects series that lack the label, so it narrows nothing down on its own. */
    static boolean matchesEmpty(LabelMatcher matcher) {
        return switch (matcher.op()) {
            case EQUAL -> matcher.value().isEmpty();
            case NOT_EQUAL -> !matcher.value().isEmpty();
            case REGEX -> regexMatchesEmpty(matcher.value());
            case NOT_REGEX -> !regexMatchesEmpty(matcher.value());
        };
    }

    private static boolean regexMatchesEmpty(String regex) {
        return Pattern.compile(Selectors.anchored(regex)).matcher("").matches();
    }

    private Problem problem(Expr at, String message) {
        return new Problem(positions.start(at), message);
    }

    private static String quote(String text) {
        return GoStrings.quote(text, false);
    }
}
