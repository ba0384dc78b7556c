package dev.watchdog.promql;

import dev.watchdog.gotemplate.GoRegex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The selector part of the grammar: braces and matchers, ranges, and where offset and {@code @} may go. */
final class Selectors {

    private static final String PRECEDED = " modifier must be preceded by an instant vector selector or range vector "
            + "selector or a subquery";

    private final Parser parser;
    private final Positions positions;

    Selectors(Parser parser) {
        this.parser = parser;
        this.positions = parser.positions();
    }

    /** {@code name}, {@code name{...}} or {@code {...}}; the name token has been read when there is one. */
    VectorSelector vector(Token name) {
        int start = name == null ? parser.peek().pos() : name.pos();
        List<LabelMatcher> matchers = parser.peek().is(TokenType.LEFT_BRACE) ? matchers() : List.of();
        VectorSelector selector = new VectorSelector(name == null ? "" : name.text(), matchers, Duration.ZERO, null);
        return positions.starting(selector, start);
    }

    private List<LabelMatcher> matchers() {
        parser.advance();
        List<LabelMatcher> matchers = new ArrayList<>();
        if (parser.accept(TokenType.RIGHT_BRACE)) {
            return matchers;
        }
        while (true) {
            matchers.add(matcher());
            if (parser.accept(TokenType.RIGHT_BRACE)) {
                return matchers;
            }
            if (!parser.accept(TokenType.COMMA)) {
                throw parser.unexpected("label matching", "\",\" or \"}\"");
            }
            if (parser.accept(TokenType.RIGHT_BRACE)) {
                return matchers;
            }
        }
    }

    /** {@code label op "value"}, {@code "label.x" op "value"}, or a quoted metric name alone ({@code "my.metric"}). */
    private LabelMatcher matcher() {
        Token label = parser.peek();
        if (!label.is(TokenType.IDENTIFIER) && !label.is(TokenType.STRING)) {
            throw parser.unexpected("label matching", "identifier or \"}\"");
        }
        parser.advance();
        MatchOp op = matchOp(parser.peek().type());
        if (op == null) {
            if (label.is(TokenType.STRING)) {
                return new LabelMatcher(LabelMatcher.METRIC_NAME, MatchOp.EQUAL, label.value());
            }
            throw parser.unexpected("label matching", "label matching operator");
        }
        parser.advance();
        if (!parser.peek().is(TokenType.STRING)) {
            throw parser.unexpected("label matching", "string");
        }
        String value = parser.advance().value();
        if (op.isRegex()) {
            GoRegex.syntaxError(anchored(value)).ifPresent(error -> parser.problem(label.pos(), error));
        }
        return new LabelMatcher(label.value(), op, value);
    }

    /** Prometheus 3 anchors matcher regexes and lets {@code .} match a newline. */
    static String anchored(String regex) {
        return "^(?s:" + regex + ")$";
    }

    /** {@code expr[5m]}: only a plain selector may take a range. */
    Expr range(Expr expr, Duration range, int bracketPos) {
        if (!(expr instanceof VectorSelector selector)) {
            parser.problem(bracketPos, "ranges only allowed for vector selectors");
            return expr;
        }
        if (!selector.offset().isZero()) {
            parser.problem(bracketPos, "no offset modifiers allowed before range");
        } else if (selector.at() != null) {
            parser.problem(bracketPos, "no @ modifiers allowed before range");
        }
        return positions.sameAs(new MatrixSelector(selector, range), expr);
    }

    Expr withOffset(Expr expr, Duration offset) {
        Duration current = currentOffset(expr);
        if (current == null) {
            parser.problem(positions.start(expr), "offset" + PRECEDED);
            return expr;
        }
        if (!current.isZero()) {
            parser.problem(positions.start(expr), "offset may not be set multiple times");
        }
        return modify(expr, offset, null);
    }

    Expr withAt(Expr expr, AtModifier at) {
        if (currentOffset(expr) == null) {
            parser.problem(positions.start(expr), "@" + PRECEDED);
            return expr;
        }
        if (currentAt(expr) != null) {
            parser.problem(positions.start(expr), "@ <timestamp> may not be set multiple times");
            return expr;
        }
        return modify(expr, null, at);
    }

    /** The offset of what may carry one, or null when {@code expr} may not. */
    private static Duration currentOffset(Expr expr) {
        if (expr instanceof VectorSelector selector) {
            return selector.offset();
        }
        if (expr instanceof MatrixSelector matrix) {
            return matrix.selector().offset();
        }
        return expr instanceof SubqueryExpr subquery ? subquery.offset() : null;
    }

    private static AtModifier currentAt(Expr expr) {
        if (expr instanceof VectorSelector selector) {
            return selector.at();
        }
        if (expr instanceof MatrixSelector matrix) {
            return matrix.selector().at();
        }
        return ((SubqueryExpr) expr).at();
    }

    /** A copy with the offset (when not null) or the {@code @} modifier (when not null) set. */
    private Expr modify(Expr expr, Duration offset, AtModifier at) {
        Expr modified;
        if (expr instanceof VectorSelector selector) {
            modified = offset != null ? selector.withOffset(offset) : selector.withAt(at);
        } else if (expr instanceof MatrixSelector matrix) {
            modified = new MatrixSelector((VectorSelector) modify(matrix.selector(), offset, at), matrix.range());
        } else {
            SubqueryExpr subquery = (SubqueryExpr) expr;
            modified = offset != null ? subquery.withOffset(offset) : subquery.withAt(at);
        }
        return positions.sameAs(modified, expr);
    }

    private static MatchOp matchOp(TokenType type) {
        return switch (type) {
            case EQL -> MatchOp.EQUAL;
            case NEQ -> MatchOp.NOT_EQUAL;
            case EQL_REGEX -> MatchOp.REGEX;
            case NEQ_REGEX -> MatchOp.NOT_REGEX;
            default -> null;
        };
    }
}
