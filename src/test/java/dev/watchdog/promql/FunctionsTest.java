package dev.watchdog.promql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunctionsTest {

    @Test
    void knowsEveryFunctionOfPrometheus2And3() {
        assertThat(Functions.all()).hasSize(91);
        assertThat(Functions.all().keySet()).contains("holt_winters", "double_exponential_smoothing", "info",
                "histogram_avg", "label_join", "sort_by_label", "absent_over_time", "ts_of_max_over_time");
    }

    @Test
    void optionalAndRepeatedArgumentsSetTheLimits() {
        Function labelJoin = Functions.named("label_join").orElseThrow();
        Function round = Functions.named("round").orElseThrow();
        Function hour = Functions.named("hour").orElseThrow();

        assertThat(labelJoin.minArgs()).isEqualTo(3);
        assertThat(labelJoin.maxArgs()).isEqualTo(Integer.MAX_VALUE);
        assertThat(labelJoin.argType(7)).isEqualTo(ValueType.STRING);
        assertThat(round.minArgs()).isEqualTo(1);
        assertThat(round.maxArgs()).isEqualTo(2);
        assertThat(hour.minArgs()).isZero();
        assertThat(Functions.named("rate").orElseThrow().argTypes()).containsExactly(ValueType.MATRIX);
    }

    @Test
    void marksWhatPrometheus3OnlyRunsBehindItsExperimentalFlag() {
        assertThat(Functions.named("info").orElseThrow().experimental()).isTrue();
        assertThat(Functions.named("mad_over_time").orElseThrow().experimental()).isTrue();
        assertThat(Functions.named("rate").orElseThrow().experimental()).isFalse();
        assertThat(Functions.named("nope")).isEmpty();
    }
}
