package dev.watchdog.promql;

import dev.watchdog.gotemplate.GoStrings;
import dev.watchdog.promql.PromqlException.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the grammar of Prometheus 2.x and 3.x, reporting what Prometheus reports.
 *
 * <p>Prometheus' yacc parser records some problems and reads on (an unknown function, a range on something
 * that is not a selector) and stops at the first syntax error; the first problem recorded wins. Problems are
 * recorded here at the same moments. A syntax error inside an aggregation that no closer rule explains is
 * "in aggregation", because that is the nearest yacc error rule. Types are checked only when the text parsed.
 */
final class Parser {

    private final String input;
    private final Lexer lexer;
    private final List<Problem> problems = new ArrayList<>();
    private final Positions positions = new Positions();
    private final Selectors selectors;
    private Token lookahead;
    private int openAggregations;

    Parser(String input) {
        this.input = input;
        this.lexer = new Lexer(input);
        this.selectors = new Selectors(this);
    }

    Expr parse() throws PromqlException {
        try {
            Expr expr = query();
            if (problems.isEmpty()) {
                new TypeChecker(positions).check(expr);
            }
            if (problems.isEmpty()) {
                return expr;
            }
        } catch (Problem stop) {
            problems.add(stop);
        }
        throw new PromqlException(input, problems.get(0));
    }

    private Expr query() {
        if (peek().is(TokenType.EOF)) {
            throw new Problem(0, "no expression found in input");
        }
        Expr expr = expr(0);
        if (!peek().is(TokenType.EOF)) {
            throw unexpected();
        }
        return expr;
    }

    /** Binary expressions by precedence climbing: only operators binding at least {@code minPrecedence}. */
    private Expr expr(int minPrecedence) {
        Expr lhs = unary();
        while (true) {
            Token opToken = peek();
            BinaryOp op = binaryOp(opToken.type());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            advance();
            boolean returnBool = accept(TokenType.BOOL);
            VectorMatching matching = vectorMatching();
            Expr rhs = expr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            BinaryExpr binary = new BinaryExpr(lhs, op, rhs, returnBool, matching);
            lhs = positions.operator(positions.sameAs(binary, lhs), opToken.pos());
        }
    }

    private VectorMatching vectorMatching() {
        if (!peek().is(TokenType.ON) && !peek().is(TokenType.IGNORING)) {
            return null;
        }
        boolean on = advance().is(TokenType.ON);
        List<String> labels = groupingLabels();
        VectorMatching.Cardinality cardinality = VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        if (peek().is(TokenType.GROUP_LEFT) || peek().is(TokenType.GROUP_RIGHT)) {
            cardinality = advance().is(TokenType.GROUP_LEFT) ? VectorMatching.Cardinality.MANY_TO_ONE
                    : VectorMatching.Cardinality.ONE_TO_MANY;
            if (peek().is(TokenType.LEFT_PAREN)) {
                include = groupingLabels();
            }
        }
        return new VectorMatching(on, labels, cardinality, include);
    }

    /** A sign binds like {@code *}: {@code -a * b} is {@code (-a) * b}, {@code -a ^ b} is {@code -(a ^ b)}. */
    private Expr unary() {
        Token sign = peek();
        if (!sign.is(TokenType.ADD) && !sign.is(TokenType.SUB)) {
            return postfix(primary());
        }
        advance();
        boolean negative = sign.is(TokenType.SUB);
        Expr operand = expr(BinaryOp.UNARY_OPERAND_PRECEDENCE);
        Expr result = operand instanceof NumberLiteral number
                ? new NumberLiteral(negative ? -number.value() : number.value(), number.duration())
                : new UnaryExpr(negative, operand);
        return positions.starting(result, sign.pos());
    }

    private Expr primary() {
        Token token = peek();
        switch (token.type()) {
            case NUMBER, DURATION -> {
                advance();
                return positions.starting(new NumberLiteral(seconds(token), token.is(TokenType.DURATION)),
                        token.pos());
            }
            case STRING -> {
                advance();
                return positions.starting(new StringLiteral(token.value()), token.pos());
            }
            case LEFT_PAREN -> {
                advance();
                Expr inner = expr(0);
                expect(TokenType.RIGHT_PAREN);
                return positions.starting(new ParenExpr(inner), token.pos());
            }
            case LEFT_BRACE -> {
                return selectors.vector(null);
            }
            case IDENTIFIER, START, END -> {
                advance();
                return peek().is(TokenType.LEFT_PAREN) ? call(token) : selectors.vector(token);
            }
            default -> {
                if (aggregateOp(token.type()) != null) {
                    advance();
                    boolean aggregation = peek().is(TokenType.LEFT_PAREN) || peek().is(TokenType.BY)
                            || peek().is(TokenType.WITHOUT);
                    return aggregation ? aggregation(token) : selectors.vector(token);
                }
                if (!token.type().canNameMetric()) {
                    throw unexpected();
                }
                advance();
                return selectors.vector(token);
            }
        }
    }

    private Expr call(Token name) {
        List<Expr> args = arguments();
        Function function = Functions.named(name.text()).orElse(null);
        if (function == null) {
            problems.add(new Problem(name.pos(), "unknown function with name " + GoStrings.quote(name.text(), false)));
            function = new Function(name.text(), List.of(), 0, ValueType.VECTOR, false);
        }
        return positions.starting(new Call(function, args), name.pos());
    }

    /** {@code ( expr, expr, ... )}; a trailing (or doubled) comma is reported and read past, as Prometheus does. */
    private List<Expr> arguments() {
        expect(TokenType.LEFT_PAREN);
        List<Expr> args = new ArrayList<>();
        if (accept(TokenType.RIGHT_PAREN)) {
            return args;
        }
        while (true) {
            args.add(expr(0));
            while (true) {
                if (accept(TokenType.RIGHT_PAREN)) {
                    return args;
                }
                Token separator = peek();
                if (!accept(TokenType.COMMA)) {
                    throw unexpected();
                }
                if (!peek().is(TokenType.RIGHT_PAREN) && !peek().is(TokenType.COMMA)) {
                    break;
                }
                problems.add(new Problem(separator.pos(), "trailing commas not allowed in function call args"));
            }
        }
    }

    private Expr aggregation(Token opToken) {
        openAggregations++;
        Grouping grouping = peek().is(TokenType.LEFT_PAREN) ? Grouping.NONE : grouping();
        if (!peek().is(TokenType.LEFT_PAREN)) {
            throw unexpected();
        }
        List<Expr> args = arguments();
        if (grouping == Grouping.NONE && (peek().is(TokenType.BY) || peek().is(TokenType.WITHOUT))) {
            grouping = grouping();
        }
        openAggregations--;
        AggregateOp op = aggregateOp(opToken.type());
        int wanted = op.parameter() == null ? 1 : 2;
        if (args.isEmpty()) {
            problems.add(new Problem(opToken.pos(), "no arguments for aggregate expression provided"));
            return new NumberLiteral(0);
        }
        if (args.size() != wanted) {
            problems.add(new Problem(opToken.pos(), "wrong number of arguments for aggregate expression provided, "
                    + "expected " + wanted + ", got " + args.size()));
        }
        Expr param = wanted == 2 ? args.get(0) : null;
        AggregateExpr aggregate = new AggregateExpr(op, param, args.get(Math.min(wanted, args.size()) - 1), grouping);
        return positions.starting(aggregate, opToken.pos());
    }

    private Grouping grouping() {
        Grouping.Kind kind = advance().is(TokenType.BY) ? Grouping.Kind.BY : Grouping.Kind.WITHOUT;
        return new Grouping(kind, groupingLabels());
    }

    /** {@code (a, b)} after {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left}. */
    private List<String> groupingLabels() {
        if (!peek().is(TokenType.LEFT_PAREN)) {
            throw unexpected("grouping opts", "\"(\"");
        }
        advance();
        List<String> labels = new ArrayList<>();
        if (accept(TokenType.RIGHT_PAREN)) {
            return labels;
        }
        while (true) {
            labels.add(groupingLabel());
            if (accept(TokenType.RIGHT_PAREN)) {
                return labels;
            }
            if (!accept(TokenType.COMMA)) {
                throw unexpected("grouping opts", "\",\" or \")\"");
            }
            if (accept(TokenType.RIGHT_PAREN)) {
                return labels;
            }
        }
    }

    private String groupingLabel() {
        Token label = peek();
        if (label.is(TokenType.STRING)) {
            advance();
            if (label.value().isEmpty()) {
                problems.add(new Problem(label.pos(), "invalid label name for grouping: \"\""));
            }
            return label.value();
        }
        if (!label.type().canNameLabel()) {
            throw unexpected("grouping opts", "label");
        }
        advance();
        return label.text();
    }

    /** Range selectors, subqueries, {@code offset} and {@code @}: they bind tighter than any operator. */
    private Expr postfix(Expr expr) {
        Expr result = expr;
        while (true) {
            switch (peek().type()) {
                case LEFT_BRACKET -> result = rangeOrSubquery(result);
                case OFFSET -> result = offset(result);
                case AT -> result = at(result);
                default -> {
                    return result;
                }
            }
        }
    }

    private Expr rangeOrSubquery(Expr expr) {
        Token bracket = advance();
        if (!isNumberOrDuration(peek())) {
            throw unexpected("subquery selector", "number or duration");
        }
        Duration range = positiveDuration(advance());
        if (accept(TokenType.RIGHT_BRACKET)) {
            return selectors.range(expr, range, bracket.pos());
        }
        if (!accept(TokenType.COLON)) {
            throw unexpected("subquery or range", "\":\" or \"]\"");
        }
        Duration step = Duration.ZERO;
        if (!peek().is(TokenType.RIGHT_BRACKET)) {
            if (!isNumberOrDuration(peek())) {
                throw unexpected("subquery selector", "number or duration or \"]\"");
            }
            step = positiveDuration(advance());
            if (!peek().is(TokenType.RIGHT_BRACKET)) {
                throw unexpected("subquery selector", "\"]\"");
            }
        }
        advance();
        return positions.sameAs(new SubqueryExpr(expr, range, step, Duration.ZERO, null), expr);
    }

    private Expr offset(Expr expr) {
        advance();
        boolean negative = false;
        if (peek().is(TokenType.ADD) || peek().is(TokenType.SUB)) {
            negative = advance().is(TokenType.SUB);
        }
        if (!isNumberOrDuration(peek())) {
            throw unexpected("offset", "number or duration");
        }
        Token amount = advance();
        double seconds = seconds(amount);
        if (Numbers.outOfDurationRange(seconds)) {
            problems.add(new Problem(amount.pos(), "duration out of range"));
        }
        return selectors.withOffset(expr, Numbers.toDuration(negative ? -seconds : seconds));
    }

    private Expr at(Expr expr) {
        advance();
        if (peek().is(TokenType.START) || peek().is(TokenType.END)) {
            AtModifier boundary = advance().is(TokenType.START) ? AtModifier.Boundary.START : AtModifier.Boundary.END;
            if (!accept(TokenType.LEFT_PAREN) || !accept(TokenType.RIGHT_PAREN)) {
                throw unexpected("@", "timestamp");
            }
            return selectors.withAt(expr, boundary);
        }
        boolean negative = false;
        if (peek().is(TokenType.ADD) || peek().is(TokenType.SUB)) {
            negative = advance().is(TokenType.SUB);
        }
        if (!isNumberOrDuration(peek())) {
            throw unexpected("@", "timestamp");
        }
        double seconds = seconds(advance()) * (negative ? -1 : 1);
        if (Double.isNaN(seconds) || Math.abs(seconds) >= 9.223372036854775807E18) {
            problems.add(new Problem(positions.start(expr), "timestamp out of bounds for @ modifier: "
                    + Numbers.goFixed(seconds)));
        }
        return selectors.withAt(expr, new AtModifier.Timestamp(Numbers.roundHalfAway(seconds * 1000)));
    }

    /** A range or step: a number of seconds or a duration, more than zero. */
    private Duration positiveDuration(Token token) {
        int before = problems.size();
        double seconds = seconds(token);
        if (problems.size() == before && seconds <= 0) {
            problems.add(new Problem(token.pos(), "duration must be greater than 0"));
        } else if (problems.size() == before && Numbers.outOfDurationRange(seconds)) {
            problems.add(new Problem(token.pos(), "duration out of range"));
        }
        return Numbers.toDuration(seconds);
    }

    /** A number token's value, or a duration token's in seconds; a bad one is recorded and reads as 0. */
    private double seconds(Token token) {
        try {
            return token.is(TokenType.DURATION) ? Numbers.durationSeconds(token.text()) : Numbers.parse(token.text());
        } catch (IllegalArgumentException invalid) {
            problems.add(new Problem(token.pos(), invalid.getMessage()));
            return 0;
        }
    }

    // The token stream, and the words of "unexpected ..." messages; Selectors uses them too.

    Token peek() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    Token advance() {
        Token token = peek();
        lookahead = null;
        return token;
    }

    boolean accept(TokenType type) {
        if (peek().is(type)) {
            advance();
            return true;
        }
        return false;
    }

    void expect(TokenType type) {
        if (!accept(type)) {
            throw unexpected();
        }
    }

    void problem(int pos, String message) {
        problems.add(new Problem(pos, message));
    }

    Positions positions() {
        return positions;
    }

    Problem unexpected() {
        return unexpected(openAggregations > 0 ? "aggregation" : "", "");
    }

    Problem unexpected(String context, String expected) {
        Token token = peek();
        StringBuilder message = new StringBuilder("unexpected ").append(token.describe());
        if (!context.isEmpty()) {
            message.append(" in ").append(context);
        }
        if (!expected.isEmpty()) {
            message.append(", expected ").append(expected);
        }
        return new Problem(token.pos(), message.toString());
    }

    private static boolean isNumberOrDuration(Token token) {
        return token.is(TokenType.NUMBER) || token.is(TokenType.DURATION);
    }

    private static BinaryOp binaryOp(TokenType type) {
        return switch (type) {
            case LOR -> BinaryOp.OR;
            case LAND -> BinaryOp.AND;
            case LUNLESS -> BinaryOp.UNLESS;
            case EQLC -> BinaryOp.EQL;
            case NEQ -> BinaryOp.NEQ;
            case GTR -> BinaryOp.GTR;
            case LSS -> BinaryOp.LSS;
            case GTE -> BinaryOp.GTE;
            case LTE -> BinaryOp.LTE;
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case ATAN2 -> BinaryOp.ATAN2;
            case POW -> BinaryOp.POW;
            default -> null;
        };
    }

    private static AggregateOp aggregateOp(TokenType type) {
        return type.kind() == TokenType.Kind.AGGREGATOR ? AggregateOp.valueOf(type.name()) : null;
    }
}
