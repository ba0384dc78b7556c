package dev.watchdog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleGroupMetricsTest {

    @Test
    void sumsAndMaxesTheGroupsSeriesAndIgnoresTheRest() {
        RuleGroupMetrics metrics = RuleGroupMetrics.parse("""
                # HELP prometheus_rule_group_last_duration_seconds The duration of the last rule evaluation.
                # TYPE prometheus_rule_group_last_duration_seconds gauge
                prometheus_rule_group_last_duration_seconds{rule_group="/tmp/rules-0.yml;api-alerts-0"} 0.25
                prometheus_rule_group_last_duration_seconds{rule_group="/tmp/rules-0.yml;cart-alerts-1"} 0.5
                prometheus_rule_group_iterations_total{rule_group="/tmp/rules-0.yml;api-alerts-0"} 3
                prometheus_rule_group_iterations_total{rule_group="/tmp/rules-0.yml;cart-alerts-1"} 0
                prometheus_rule_group_iterations_missed_total{rule_group="/tmp/rules-0.yml;api-alerts-0"} 1
                prometheus_rule_evaluation_failures_total{rule_group="/tmp/rules-0.yml;cart-alerts-1"} 2
                prometheus_rule_group_rules{rule_group="/tmp/rules-0.yml;cart-alerts-1"} 100
                prometheus_http_requests_total{code="200",handler="/api/v1/query"} 1.5e+06
                """);

        assertThat(metrics).isEqualTo(new RuleGroupMetrics(2, 1, 0.75, 0.5, 3, 1, 2));
    }
}
