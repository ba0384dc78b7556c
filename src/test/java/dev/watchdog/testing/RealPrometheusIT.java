package dev.watchdog.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The fixture's own failure path: a broken setup must say why, with Prometheus' log. */
class RealPrometheusIT {

    @Test
    void anInvalidRuleFileFailsStartWithTheLogTail() {
        String invalidRule = """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: rate(
                """;

        assertThatThrownBy(() -> RealPrometheus.builder().rules(invalidRule).start().close())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("RealPrometheus: prometheus exited with code 1 before becoming ready on http://127.0.0.1:")
                .hasMessageContaining("--- tail of ")
                .hasMessageContaining("parse error");
    }
}
