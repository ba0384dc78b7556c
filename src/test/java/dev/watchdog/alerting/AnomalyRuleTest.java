package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.config.ConfigException;
import dev.watchdog.ConfigLoader;
import dev.watchdog.WatchdogConfig;
import dev.watchdog.promql.PromQL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyRuleTest {

    @TempDir
    Path dir;

    @Test
    void anInlineAnomalyRuleIsAnAlertingRuleOverItsGeneratedZScoreTest() throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, """
                groups:
                  - name: shop
                    rules:
                      - anomaly: OrdersAnomaly
                        expr: sum(rate(orders_total[5m]))
                        window: 2h
                        step: 2m
                        z-score: 4
                        seasonality: 1w
                        min-samples: 30
                        min-change: 0.5
                        for: 10m
                        labels:
                          severity: warning
                        annotations:
                          summary: "orders are {{ $value }} standard deviations from last week"
                """);

        WatchdogConfig config = new ConfigLoader(Map.of()).load(file);

        AlertRule rule = config.rules().get(0);
        String history = "(sum(rate(orders_total[5m])))[2h:2m] offset 6d23h";
        String expected = "avg_over_time(" + history + ")";
        String z = "(((sum(rate(orders_total[5m]))) - " + expected + ") / stddev_over_time(" + history + "))";
        assertThat(rule.name()).isEqualTo("OrdersAnomaly");
        assertThat(rule.expr()).isEqualTo("(" + z + " > 4 or " + z + " < -4) and count_over_time(" + history
                + ") >= 30 and abs((sum(rate(orders_total[5m]))) - " + expected + ") >= 0.5");
        assertThat(PromQL.parse(rule.expr())).isNotNull();
        assertThat(rule.pendingFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rule.labels()).containsEntry("severity", "warning");
        assertThat(config.notes()).anySatisfy(note -> assertThat(note).endsWith(
                "anomaly rule OrdersAnomaly is evaluated as: " + rule.expr()));
        assertThat(config.notes()).containsOnlyOnce("anomaly rules' annotations show $value (the z-score), $observed"
                + " (the value now), $expected (the window's mean) and $stddev (its standard deviation)");
    }

    @Test
    void anAnomalyRulesAnnotationsMayShowItsFiguresAndAnAlertRulesMayNot() throws Exception {
        Path file = ordersAnomaly("""
                        annotations:
                          summary: "{{ $observed }} orders/s, expected {{ $expected }} ± {{ $stddev }}"
                      - alert: OrdersLow
                        expr: sum(rate(orders_total[5m])) < 1
                        annotations:
                          summary: "expected {{ $expected }}"
                """);

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rule OrdersLow")
                .hasMessageContaining("$expected")
                .message().doesNotContain("OrdersAnomaly");
    }

    @Test
    void anAnomalyRuleKnowsTheQueryOfItsFigures() throws Exception {
        Path file = ordersAnomaly("""
                        window: 30m
                """);

        AlertRule rule = new ConfigLoader(Map.of()).load(file).rules().get(0);

        String history = "(sum(rate(orders_total[5m])))[30m:1m]";
        assertThat(rule.isAnomaly()).isTrue();
        assertThat(rule.figures()).isEqualTo("label_replace((sum(rate(orders_total[5m]))), \"watchdog_figure\","
                + " \"observed\", \"__name__\", \".*\") or label_replace(avg_over_time(" + history + "),"
                + " \"watchdog_figure\", \"expected\", \"__name__\", \".*\") or label_replace(stddev_over_time("
                + history + "), \"watchdog_figure\", \"stddev\", \"__name__\", \".*\")");
        assertThat(PromQL.parse(rule.figures())).isNotNull();
    }

    /** A config whose first rule is OrdersAnomaly over the order rate, followed by {@code rest}. */
    private Path ordersAnomaly(String rest) throws Exception {
        return Files.writeString(dir.resolve("watchdog.yml"), """
                groups:
                  - name: shop
                    rules:
                      - anomaly: OrdersAnomaly
                        expr: sum(rate(orders_total[5m]))
                """ + rest);
    }
}
