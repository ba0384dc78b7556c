package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.ConfigLoader;
import dev.watchdog.agent.incident.IncidentSettings;
import dev.watchdog.security.Secret;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmSettingsTest {

    @TempDir
    Path dir;

    @Test
    void bindsTheLimitsPromptsDirAndPricesBesideTheModelSettings() throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, """
                llm:
                  provider: openai
                  model: gpt-4o-mini
                  base-url: http://llm.internal/v1
                  api-key: ${OPENAI_API_KEY:-}
                  timeout: 45s
                  max-tool-calls: 5
                  tool-timeout: 10s
                  deadline: 2m
                  max-range: 6h
                  prompts-dir: /etc/watchdog/prompts
                  price-per-1k-input-tokens: 0.00015
                  price-per-1k-output-tokens: 0.0006
                """);

        LlmSettings llm = new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-x")).load(file).llm();

        assertThat(llm).isEqualTo(new LlmSettings("openai", "gpt-4o-mini", "http://llm.internal/v1", Secret.of("sk-x"),
                Duration.ofSeconds(45), 5, Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofHours(6),
                "/etc/watchdog/prompts", new BigDecimal("0.00015"), new BigDecimal("0.0006"), true,
                LlmSettings.DEFAULT_CONTEXT_SIZE, BudgetSettings.DEFAULTS, IncidentSettings.DEFAULTS));
        assertThat(llm.hasPrices()).isTrue();
    }

    @Test
    void everyNewKeyHasADefault() {
        LlmSettings none = LlmSettings.none();

        assertThat(none.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(none.maxToolCalls()).isEqualTo(8);
        assertThat(none.toolTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(none.deadline()).isEqualTo(Duration.ofSeconds(90));
        assertThat(none.maxRange()).isEqualTo(Duration.ofHours(24));
        assertThat(none.promptsDir()).isEmpty();
        assertThat(none.hasPrices()).isFalse();
    }

    @Test
    void bindsTheContextSizeTheBudgetAndIncidentGrouping() throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, """
                llm:
                  provider: ollama
                  context-size: 32768
                  budget: {per-hour: 50000, per-day: 0}
                  incident: {window: 15m, group-by: [namespace, service]}
                """);

        LlmSettings llm = new ConfigLoader(Map.of()).load(file).llm();

        assertThat(llm.contextSize()).isEqualTo(32768);
        assertThat(llm.budget()).isEqualTo(new BudgetSettings(50_000, 0));
        assertThat(llm.incident()).isEqualTo(new IncidentSettings(Duration.ofMinutes(15), List.of("namespace", "service")));
    }

    @Test
    void theBudgetAndIncidentsHaveDefaults() {
        LlmSettings none = LlmSettings.none();

        assertThat(none.contextSize()).isEqualTo(16_384);
        assertThat(none.budget()).isEqualTo(new BudgetSettings(200_000, 1_000_000));
        assertThat(none.incident().window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(none.incident().groupBy()).isEmpty();
    }
}
