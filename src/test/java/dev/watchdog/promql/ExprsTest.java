package dev.watchdog.promql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExprsTest {

    @Test
    void walksEveryNodeParentsFirstInWrittenOrder() throws PromqlException {
        Expr expr = PromQL.parse("topk(3, -max_over_time(sum by (job) (rate(x[5m]))[1h:] offset 1m)) > bool (y)");

        assertThat(Exprs.descendants(expr).map(PromQL::print)).containsExactly(
                "topk(3, -max_over_time(sum by (job) (rate(x[5m]))[1h:] offset 1m)) > bool (y)",
                "topk(3, -max_over_time(sum by (job) (rate(x[5m]))[1h:] offset 1m))",
                "3",
                "-max_over_time(sum by (job) (rate(x[5m]))[1h:] offset 1m)",
                "max_over_time(sum by (job) (rate(x[5m]))[1h:] offset 1m)",
                "sum by (job) (rate(x[5m]))[1h:] offset 1m",
                "sum by (job) (rate(x[5m]))",
                "rate(x[5m])",
                "x[5m]",
                "x",
                "(y)",
                "y");
    }
}
