package dev.watchdog.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trees the parser builds: precedence, modifiers, literals, and where errors in longer text point. */
class PromqlParserTest {

    private static final VectorSelector X = selector("x");
    private static final VectorSelector Y = selector("y");

    @Test
    void multiplicationBindsTighterThanAdditionAndPowerGroupsFromTheRight() throws PromqlException {
        assertThat(PromQL.parse("1 + 2 * 3")).isEqualTo(binary(number(1), BinaryOp.ADD,
                binary(number(2), BinaryOp.MUL, number(3))));
        assertThat(PromQL.parse("1 - 2 - 3")).isEqualTo(binary(binary(number(1), BinaryOp.SUB, number(2)),
                BinaryOp.SUB, number(3)));
        assertThat(PromQL.parse("2 ^ 3 ^ 2")).isEqualTo(binary(number(2), BinaryOp.POW,
                binary(number(3), BinaryOp.POW, number(2))));
        assertThat(PromQL.parse("x or y and x")).isEqualTo(binary(X, BinaryOp.OR, binary(Y, BinaryOp.AND, X)));
        assertThat(PromQL.parse("x > y == x")).isEqualTo(binary(binary(X, BinaryOp.GTR, Y), BinaryOp.EQL, X));
    }

    @Test
    void aSignBindsLikeMultiplicationAndIsFoldedIntoANumber() throws PromqlException {
        assertThat(PromQL.parse("-1 * 2")).isEqualTo(binary(number(-1), BinaryOp.MUL, number(2)));
        assertThat(PromQL.parse("-2 ^ 2")).isEqualTo(new UnaryExpr(true, binary(number(2), BinaryOp.POW,
                number(2))));
        assertThat(PromQL.parse("-x * y")).isEqualTo(binary(new UnaryExpr(true, X), BinaryOp.MUL, Y));
        assertThat(PromQL.parse("--1")).isEqualTo(number(1));
        assertThat(PromQL.parse("-x offset 5m")).isEqualTo(new UnaryExpr(true, X.withOffset(Duration.ofMinutes(5))));
    }

    @Test
    void comparisonsKeepBoolAndVectorMatching() throws PromqlException {
        BinaryExpr expr = (BinaryExpr) PromQL.parse("x > bool on(job, instance) group_left(team) y");

        assertThat(expr.returnBool()).isTrue();
        assertThat(expr.matching()).isEqualTo(new VectorMatching(true, List.of("job", "instance"),
                VectorMatching.Cardinality.MANY_TO_ONE, List.of("team")));
        assertThat(((BinaryExpr) PromQL.parse("x / ignoring(code) group_right y")).matching())
                .isEqualTo(new VectorMatching(false, List.of("code"), VectorMatching.Cardinality.ONE_TO_MANY,
                        List.of()));
        assertThat(((BinaryExpr) PromQL.parse("x + y")).matching()).isNull();
    }

    @Test
    void aggregationModifiersMayComeBeforeOrAfterTheArguments() throws PromqlException {
        Expr before = PromQL.parse("sum by (job) (x)");

        assertThat(PromQL.parse("sum(x) by (job)")).isEqualTo(before);
        assertThat(before).isEqualTo(new AggregateExpr(AggregateOp.SUM, null, X,
                new Grouping(Grouping.Kind.BY, List.of("job"))));
        assertThat(PromQL.parse("topk without (instance) (3, x)")).isEqualTo(new AggregateExpr(AggregateOp.TOPK,
                number(3), X, new Grouping(Grouping.Kind.WITHOUT, List.of("instance"))));
        assertThat(PromQL.parse("count_values(\"version\", x)")).isEqualTo(new AggregateExpr(
                AggregateOp.COUNT_VALUES, new StringLiteral("version"), X, Grouping.NONE));
    }

    @Test
    void keywordsAreCaseInsensitiveAndMayNameMetrics() throws PromqlException {
        assertThat(PromQL.parse("SUM BY (job) (x)")).isEqualTo(PromQL.parse("sum by (job) (x)"));
        assertThat(PromQL.parse("sum")).isEqualTo(selector("sum"));
        assertThat(PromQL.parse("offset offset 5m")).isEqualTo(selector("offset").withOffset(Duration.ofMinutes(5)));
    }

    @Test
    void selectorsKeepTheirMatchersInOrderAndQuotedNamesBecomeNameMatchers() throws PromqlException {
        assertThat(PromQL.parse("http_requests_total{job=\"api\",code=~\"5..\",path!~\"/health\",env!=\"\"}"))
                .isEqualTo(new VectorSelector("http_requests_total", List.of(
                        new LabelMatcher("job", MatchOp.EQUAL, "api"),
                        new LabelMatcher("code", MatchOp.REGEX, "5.."),
                        new LabelMatcher("path", MatchOp.NOT_REGEX, "/health"),
                        new LabelMatcher("env", MatchOp.NOT_EQUAL, "")), Duration.ZERO, null));
        assertThat(PromQL.parse("{\"my.metric\", \"label.x\"=\"v\"}")).isEqualTo(new VectorSelector("", List.of(
                new LabelMatcher("__name__", MatchOp.EQUAL, "my.metric"),
                new LabelMatcher("label.x", MatchOp.EQUAL, "v")), Duration.ZERO, null));
    }

    @Test
    void rangesOffsetsAndTimestampsAreDurationsAndMilliseconds() throws PromqlException {
        assertThat(PromQL.parse("x[5m] offset -1h @ 1609746000.5")).isEqualTo(new MatrixSelector(
                X.withOffset(Duration.ofHours(-1)).withAt(new AtModifier.Timestamp(1_609_746_000_500L)),
                Duration.ofMinutes(5)));
        assertThat(PromQL.parse("x[300]")).isEqualTo(PromQL.parse("x[5m]"));
        assertThat(PromQL.parse("x offset 1.5")).isEqualTo(X.withOffset(Duration.ofMillis(1500)));
        assertThat(PromQL.parse("rate(x[5m])[1h:]")).isEqualTo(new SubqueryExpr(call("rate",
                new MatrixSelector(X, Duration.ofMinutes(5))), Duration.ofHours(1), Duration.ZERO, Duration.ZERO,
                null));
        assertThat(PromQL.parse("x[1h:1m] @ end() offset 5m")).isEqualTo(new SubqueryExpr(X, Duration.ofHours(1),
                Duration.ofMinutes(1), Duration.ofMinutes(5), AtModifier.Boundary.END));
    }

    @Test
    void numbersReadAsGoReadsThem() throws PromqlException {
        assertThat(PromQL.parse("010")).isEqualTo(number(8));
        assertThat(PromQL.parse("0x1F")).isEqualTo(number(31));
        assertThat(PromQL.parse("1_000")).isEqualTo(number(1000));
        assertThat(PromQL.parse("1e3")).isEqualTo(number(1000));
        assertThat(PromQL.parse("-Inf")).isEqualTo(number(Double.NEGATIVE_INFINITY));
        assertThat(PromQL.parse("NaN")).isEqualTo(number(Double.NaN));
        assertThat(PromQL.parse("1h30m")).isEqualTo(new NumberLiteral(5400, true));
    }

    @Test
    void stringsResolveGoEscapesWithByteEscapesSpellingUtf8() throws PromqlException {
        assertThat(PromQL.parse("\"\\xc3\\xa9\\u00e9\\101\\n\"")).isEqualTo(new StringLiteral("éé" + "A\n"));
        assertThat(PromQL.parse("'it\\'s'")).isEqualTo(new StringLiteral("it's"));
        assertThat(PromQL.parse("`a\\n\"b`")).isEqualTo(new StringLiteral("a\\n\"b"));
    }

    @Test
    void commentsAndLineBreaksAreSpaceAndErrorsPointIntoTheRightLine() throws PromqlException {
        String expr = """
                # error ratio per job
                sum by (job) (rate(errors_total[5m]))   # numerator
                  /
                sum by (job) (rate(requests_total[5m]))
                """;
        assertThat(PromQL.parse(expr)).isEqualTo(PromQL.parse(
                "sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m]))"));

        assertThatThrownBy(() -> PromQL.parse("sum by (job) (\n  rate(errors_total[5m]\n)\n"))
                .isInstanceOfSatisfying(PromqlException.class, error -> {
                    assertThat(error.line()).isEqualTo(4);
                    assertThat(error.column()).isEqualTo(1);
                    assertThat(error.problem()).isEqualTo("unclosed left parenthesis");
                });
        assertThatThrownBy(() -> PromQL.parse("up\n  == bool on(job)\n  rate(x)"))
                .hasMessage("3:8: expected type range vector in call to function \"rate\", got instant vector");
        assertThatThrownBy(() -> PromQL.parse("# nothing but a comment"))
                .hasMessage("1:1: no expression found in input");
    }

    @Test
    void eachExpressionKnowsItsType() throws PromqlException {
        assertThat(PromQL.parse("x[5m]").type()).isEqualTo(ValueType.MATRIX);
        assertThat(PromQL.parse("x[5m:]").type()).isEqualTo(ValueType.MATRIX);
        assertThat(PromQL.parse("\"a\"").type()).isEqualTo(ValueType.STRING);
        assertThat(PromQL.parse("1 + 1").type()).isEqualTo(ValueType.SCALAR);
        assertThat(PromQL.parse("scalar(x) * 2").type()).isEqualTo(ValueType.SCALAR);
        assertThat(PromQL.parse("x * 2").type()).isEqualTo(ValueType.VECTOR);
        assertThat(PromQL.parse("(time())").type()).isEqualTo(ValueType.SCALAR);
    }

    static VectorSelector selector(String name) {
        return new VectorSelector(name, List.of(), Duration.ZERO, null);
    }

    static NumberLiteral number(double value) {
        return new NumberLiteral(value);
    }

    static BinaryExpr binary(Expr lhs, BinaryOp op, Expr rhs) {
        return new BinaryExpr(lhs, op, rhs, false, null);
    }

    static Call call(String function, Expr... args) {
        return new Call(Functions.named(function).orElseThrow(), List.of(args));
    }
}
