package dev.watchdog.alerting.notify;

import dev.watchdog.promql.AggregateExpr;
import dev.watchdog.promql.BinaryExpr;
import dev.watchdog.promql.BinaryOp;
import dev.watchdog.promql.Call;
import dev.watchdog.promql.Expr;
import dev.watchdog.promql.ParenExpr;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.PromqlException;
import dev.watchdog.promql.ValueType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the message can say about a rule's expression: which comparison it crossed, and a link to graph the
 * measured side against the threshold. Read from the expression's tree, so it works for any shape a rule takes:
 * {@code x > 5}, {@code 5 < x}, {@code x > bool 5}, a comparison inside {@code and}/{@code unless}/{@code or},
 * inside an aggregation ({@code count(x > 5) > 0}), or between two vectors ({@code used > limit}).
 */
public final class Thresholds {

    /** A threshold written out longer than this is left out of the message (the graph still shows it). */
    static final int MAX_SHOWN = 80;

    /** The comparison an alert crossed: {@code measured op threshold}, with the measured side on the left. */
    public record Crossing(Expr measured, BinaryOp op, Expr threshold) {

        /** {@code > 0.05}; null when the threshold is too long to show. */
        public String text() {
            String shown = op.symbol() + " " + PromQL.print(threshold);
            return shown.length() > MAX_SHOWN ? null : shown;
        }
    }

    private Thresholds() {
    }

    /** {@code > 0.05} for {@code rate(x[5m]) > 0.05}; null when the expression compares nothing. */
    public static String of(String expr) {
        return crossing(expr).map(Crossing::text).orElse(null);
    }

    /** The comparison that decides which series alert, or empty when there is none (or the expression is bad). */
    public static Optional<Crossing> crossing(String expr) {
        try {
            return crossing(PromQL.parse(expr));
        } catch (PromqlException invalid) {
            return Optional.empty();
        }
    }

    static Optional<Crossing> crossing(Expr expr) {
        Expr node = unwrapped(expr);
        if (node instanceof BinaryExpr binary && binary.op().isComparison()) {
            return Optional.of(comparison(binary));
        }
        if (node instanceof BinaryExpr binary && (binary.op() == BinaryOp.AND || binary.op() == BinaryOp.UNLESS)) {
            return crossing(binary.lhs()); // the right-hand side only filters which series may alert
        }
        if (node instanceof BinaryExpr binary && binary.op() == BinaryOp.OR) {
            return crossing(binary.lhs()).or(() -> crossing(binary.rhs()));
        }
        if (node instanceof AggregateExpr aggregate) {
            return crossing(aggregate.expr());
        }
        if (node instanceof Call call && !call.args().isEmpty() && call.args().get(0).type() == ValueType.VECTOR
                && call.type() == ValueType.VECTOR) {
            return crossing(call.args().get(0)); // label_replace(x > 5, ...), sort_desc(x > 5)
        }
        return Optional.empty();
    }

    /**
     * The measured side goes left: a scalar side is the threshold ({@code 5 < x} reads {@code x > 5}); between
     * two vectors the right one is. A comparison of a {@code bool} comparison ({@code (x > bool 5) == 1}) is about
     * the inner one.
     */
    private static Crossing comparison(BinaryExpr binary) {
        boolean flip = binary.lhs().type() == ValueType.SCALAR && binary.rhs().type() != ValueType.SCALAR;
        Expr measured = flip ? binary.rhs() : binary.lhs();
        Expr threshold = flip ? binary.lhs() : binary.rhs();
        if (unwrapped(measured) instanceof BinaryExpr inner && inner.op().isComparison() && inner.returnBool()) {
            return comparison(inner);
        }
        return new Crossing(unwrapped(measured), flip ? binary.op().mirrored() : binary.op(), unwrapped(threshold));
    }


    private static Expr unwrapped(Expr expr) {
        return expr instanceof ParenExpr paren ? unwrapped(paren.expr()) : expr;
    }

    /** Prometheus' graph page for the expression, as Prometheus links its own alerts. */
    public static String graphUrl(String prometheusUrl, String expr) {
        return base(prometheusUrl) + "graph?" + panel(0, expr.strip());
    }

    /**
     * Prometheus' graph page for an alert rule: the measured side and the threshold as two queries on one page,
     * so the graph shows where one crossed the other; the whole expression when it compares nothing.
     */
    public static String ruleGraphUrl(String prometheusUrl, String expr) {
        return crossing(expr)
                .map(c -> base(prometheusUrl) + "graph?" + panel(0, PromQL.print(c.measured())) + "&"
                        + panel(1, PromQL.print(c.threshold())))
                .orElseGet(() -> graphUrl(prometheusUrl, expr));
    }

    private static String base(String prometheusUrl) {
        return prometheusUrl.endsWith("/") ? prometheusUrl : prometheusUrl + "/";
    }

    private static String panel(int index, String expr) {
        return "g" + index + ".expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&g" + index + ".tab=0";
    }
}
