package dev.watchdog.promql;

import static dev.watchdog.promql.PromqlParserTest.binary;
import static dev.watchdog.promql.PromqlParserTest.call;
import static dev.watchdog.promql.PromqlParserTest.number;
import static dev.watchdog.promql.PromqlParserTest.selector;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The printer's one layout, and the parentheses it adds to trees that were built rather than parsed. */
class PrinterTest {

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            sum(rate(x[5m])) by (job)                   | sum by (job) (rate(x[5m]))
            SUM WITHOUT(a,b)(x)                         | sum without (a, b) (x)
            x{a="b",c=~'d'}                             | x{a="b",c=~"d"}
            x   offset   -90m                           | x offset -1h30m
            x[7d] @ start() offset 1w                   | x[1w] @ start() offset 1w
            x[90s:] @ 1609746000                        | x[1m30s:] @ 1609746000
            x[300]                                      | x[5m]
            x offset 1.5                                | x offset 1s500ms
            x offset 0.0001                             | x offset 0.0001
            a/on(job)group_left(team)b                  | a / on (job) group_left (team) b
            a > bool ignoring(x) b                      | a > bool ignoring (x) b
            a + on(a) group_right b                     | a + on (a) group_right () b
            {"my.metric", "label.x"="v"}                | {__name__="my.metric","label.x"="v"}
            sum by ("a.b") (x)                          | sum by ("a.b") (x)
            0x10 + 1e3 + .5 + 1e-7                      | 16 + 1000 + 0.5 + 1.0E-7
            -Inf + NaN                                  | -Inf + NaN
            label_join(x,'a',`\\n`)                   | label_join(x, "a", "\\\\n")
            - ( 1 )                                     | -(1)
            topk(3,x)                                   | topk(3, x)
            5m + -1h                                    | 5m + -1h
            """)
    void printsOneCanonicalLayout(String written, String canonical) throws PromqlException {
        assertThat(PromQL.print(PromQL.parse(written))).isEqualTo(canonical);
    }

    @Test
    void addsTheParenthesesABuiltTreeNeeds() throws PromqlException {
        VectorSelector a = selector("a");
        VectorSelector b = selector("b");
        VectorSelector c = selector("c");

        assertThat(PromQL.print(binary(binary(a, BinaryOp.ADD, b), BinaryOp.MUL, c))).isEqualTo("(a + b) * c");
        assertThat(PromQL.print(binary(a, BinaryOp.SUB, binary(b, BinaryOp.SUB, c)))).isEqualTo("a - (b - c)");
        assertThat(PromQL.print(binary(binary(a, BinaryOp.POW, b), BinaryOp.POW, c))).isEqualTo("(a ^ b) ^ c");
        assertThat(PromQL.print(binary(number(-2), BinaryOp.POW, number(2)))).isEqualTo("(-2) ^ 2");
        assertThat(PromQL.print(new UnaryExpr(true, binary(a, BinaryOp.ADD, b)))).isEqualTo("-(a + b)");
        Expr subquery = new SubqueryExpr(binary(a, BinaryOp.OR, b), Duration.ofHours(1), Duration.ZERO,
                Duration.ZERO, null);
        assertThat(PromQL.print(subquery)).isEqualTo("(a or b)[1h:]");
        assertThat(PromQL.print(call("rate", new MatrixSelector(a, Duration.ofMinutes(5)))))
                .isEqualTo("rate(a[5m])");
        assertThat(PromQL.print(new AggregateExpr(AggregateOp.SUM, null, a,
                new Grouping(Grouping.Kind.BY, List.of())))).isEqualTo("sum by () (a)");
    }
}
