package dev.watchdog.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule-evaluation keys of {@code prometheus:}; invalid values are fixtures of InvalidConfigTest. */
class RuleEvaluationSettingsTest {

    private static PrometheusSettings load(Path dir, String prometheusYaml) throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, "prometheus:\n  url: http://p:9090\n" + prometheusYaml);
        return new ConfigLoader(Map.of()).load(file).prometheus();
    }

    @Test
    void byDefaultTheConcurrencyIsSizedToTheServerAndQueriesAreNotBatched(@TempDir Path dir) throws Exception {
        PrometheusSettings settings = load(dir, "");

        assertThat(settings.maxConcurrentQueries()).isEqualTo(PrometheusSettings.AUTO);
        assertThat(settings.batchRuleQueries()).isFalse();
    }

    @Test
    void aNumberAndBatchingAreTakenAsGiven(@TempDir Path dir) throws Exception {
        PrometheusSettings settings = load(dir, "  max-concurrent-queries: 8\n  batch-rule-queries: true\n");

        assertThat(settings.maxConcurrentQueries()).isEqualTo(8);
        assertThat(settings.batchRuleQueries()).isTrue();
        assertThat(load(dir, "  max-concurrent-queries: auto\n").maxConcurrentQueries())
                .isEqualTo(PrometheusSettings.AUTO);
    }
}
