package dev.watchdog.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ThresholdsTest {

    /** @param measured the first graph query; null when the expression compares nothing (then also no threshold) */
    record Case(String expr, String threshold, String measured, String thresholdQuery) {

        @Override
        public String toString() {
            return expr;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("rate(errors_total[5m]) > 0.05", "> 0.05", "rate(errors_total[5m])", "0.05"),
                new Case("up == 0", "== 0", "up", "0"),
                new Case("0.05 < rate(errors_total[5m])", "> 0.05", "rate(errors_total[5m])", "0.05"),
                new Case("10 >= free_bytes / 1e9", "<= 10", "free_bytes / 1000000000", "10"),
                new Case("(a > bool 1.5e3)", "> 1500", "a", "1500"),
                new Case("(queue_depth > bool 100) == 1", "> 100", "queue_depth", "100"),
                new Case("sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m])) > 0.1",
                        "> 0.1", "sum by (job) (rate(errors_total[5m])) / sum by (job) (rate(requests_total[5m]))",
                        "0.1"),
                new Case("node_load1 > 4 and on (instance) up == 1", "> 4", "node_load1", "4"),
                new Case("(latency_seconds > 2) unless on (job) maintenance == 1", "> 2", "latency_seconds", "2"),
                new Case("absent(up{job=\"api\"}) or up{job=\"api\"} == 0", "== 0", "up{job=\"api\"}", "0"),
                new Case("count by (job) (up == 0) > 2", "> 2", "count by (job) (up == 0)", "2"),
                new Case("sum by (job) (rate(x[5m]) > 0.5)", "> 0.5", "rate(x[5m])", "0.5"),
                new Case("disk_used_bytes > disk_size_bytes * 0.9", "> disk_size_bytes * 0.9", "disk_used_bytes",
                        "disk_size_bytes * 0.9"),
                new Case("label_replace(temperature > 80, \"zone\", \"$1\", \"sensor\", \"(.*)-.*\")", "> 80",
                        "temperature", "80"),
                new Case("x > scalar(sum(limit_total))", "> scalar(sum(limit_total))", "x", "scalar(sum(limit_total))"),
                new Case("absent(up{job=\"api\"})", null, null, null),
                new Case("rate(x[5m]) * 100", null, null, null),
                new Case("a > " + "b".repeat(Thresholds.MAX_SHOWN), null, "a", "b".repeat(Thresholds.MAX_SHOWN)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void findsTheComparisonTheAlertCrossedInAnyShape(Case c) {
        assertThat(Thresholds.of(c.expr())).isEqualTo(c.threshold());
        String url = URLDecoder.decode(Thresholds.ruleGraphUrl("http://prom:9090", c.expr()), StandardCharsets.UTF_8);
        if (c.measured() == null) {
            assertThat(url).isEqualTo(URLDecoder.decode(Thresholds.graphUrl("http://prom:9090", c.expr()),
                    StandardCharsets.UTF_8));
        } else {
            assertThat(url).isEqualTo("http://prom:9090/graph?g0.expr=" + c.measured() + "&g0.tab=0&g1.expr="
                    + c.thresholdQuery() + "&g1.tab=0");
        }
    }
}
