package dev.watchdog.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.Promtool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules shipped in observability/ are valid for Prometheus and pass their own unit tests. */
class ObservabilityRulesIT {

    private static final Path RULES = Path.of("observability", "watchdog-rules.yml");
    private static final Path RULE_TESTS = Path.of("observability", "watchdog-rules.test.yml");

    @Test
    void promtoolAcceptsTheRules() {
        Promtool.Result result = Promtool.checkRules(List.of(RULES));

        assertThat(result.accepted()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: 9 rules found");
    }

    @Test
    void everyRuleFiresAndStaysQuietAsItsTestsSay() {
        Promtool.Result result = Promtool.testRules(RULE_TESTS);

        assertThat(result.accepted()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS");
    }
}
