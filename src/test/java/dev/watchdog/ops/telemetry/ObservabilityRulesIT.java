package dev.watchdog.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What observability/ ships is valid for Prometheus: every YAML file at its top is a rule file
 * ({@code promtool check rules observability/*.yml} passes), the rules pass their own unit tests, and the
 * example Prometheus configuration loads with them.
 */
class ObservabilityRulesIT {

    private static final Path FOLDER = Path.of("observability");
    private static final Path RULE_TESTS = FOLDER.resolve("tests/watchdog-rules.test.yml");
    private static final Path PROMETHEUS_CONFIG = FOLDER.resolve("prometheus/prometheus.yml");

    @Test
    void everyYamlFileAtTheTopIsARuleFilePromtoolAccepts() throws IOException {
        List<Path> topLevel;
        try (Stream<Path> files = Files.list(FOLDER)) {
            topLevel = files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        }

        Promtool.Result result = Promtool.checkRules(topLevel);

        assertThat(topLevel).containsExactly(FOLDER.resolve("watchdog-rules.yml"));
        assertThat(result.accepted()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: 9 rules found");
    }

    @Test
    void everyRuleFiresAndStaysQuietAsItsTestsSay() {
        Promtool.Result result = Promtool.testRules(RULE_TESTS);

        assertThat(result.accepted()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theExampleConfigurationLoadsWithTheRules() {
        Promtool.Result result = Promtool.checkConfig(PROMETHEUS_CONFIG);

        assertThat(result.accepted()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS: 9 rules found");
    }
}
