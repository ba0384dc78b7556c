package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented environment variables apply to a user's own config file, not only to the shipped one. */
class EnvironmentDefaultsTest {

    private static final Map<String, String> ENV = Map.of(
            "SLACK_BOT_TOKEN", "xoxb-1-2-abc",
            "SLACK_APP_TOKEN", "xapp-1-A-2-def",
            "SLACK_API_URL", "http://slack.proxy:8080/api",
            "WATCHDOG_CHANNEL", "#oncall",
            "PROMETHEUS_URL", "http://prom.internal:9090",
            "OPENAI_API_KEY", "sk-test-key",
            "OPENAI_BASE_URL", "http://llm.internal:8000/v1",
            "WATCHDOG_DATA_DIR", "/var/lib/watchdog");

    @TempDir
    Path dir;

    private WatchdogConfig load(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("mine.yml");
        Files.writeString(file, yaml);
        return new ConfigLoader(env).load(file);
    }

    @Test
    void aConfigWithoutTheSectionsTakesEveryValueFromTheEnvironment() throws Exception {
        WatchdogConfig config = load("""
                groups: []
                llm: {provider: openai, model: gpt-4o-mini}
                """, ENV);

        assertThat(config.slack().botToken().reveal()).isEqualTo("xoxb-1-2-abc");
        assertThat(config.slack().appToken().reveal()).isEqualTo("xapp-1-A-2-def");
        assertThat(config.slack().apiUrl()).isEqualTo("http://slack.proxy:8080/api/");
        assertThat(config.slack().channel()).isEqualTo("#oncall");
        assertThat(config.prometheus().url()).isEqualTo("http://prom.internal:9090");
        assertThat(config.llm().apiKey().reveal()).isEqualTo("sk-test-key");
        assertThat(config.llm().baseUrl()).isEqualTo("http://llm.internal:8000/v1");
        assertThat(config.store().path()).isEqualTo(Path.of("/var/lib/watchdog/watchdog.db"));
        assertThat(config.unsetVariables()).isEmpty();
    }

    @Test
    void aSectionThatLeavesKeysOutGetsThemFromTheEnvironmentAndKeepsItsOwn() throws Exception {
        WatchdogConfig config = load("""
                slack:
                  channel: "#payments"
                prometheus:
                  poll-interval: 15s
                """, ENV);

        assertThat(config.slack().channel()).isEqualTo("#payments");
        assertThat(config.slack().botToken().reveal()).isEqualTo("xoxb-1-2-abc");
        assertThat(config.prometheus().url()).isEqualTo("http://prom.internal:9090");
        assertThat(config.prometheus().pollInterval()).hasSeconds(15);
    }

    @Test
    void explicitConfigWins() throws Exception {
        WatchdogConfig config = load("""
                slack: {bot-token: xoxb-from-file, channel: "#file", api-url: "http://file:1/api/"}
                prometheus: {url: "http://file-prom:9090"}
                llm: {provider: openai, model: m, api-key: sk-file, base-url: "http://file-llm/v1"}
                """, ENV);

        assertThat(config.slack().botToken().reveal()).isEqualTo("xoxb-from-file");
        assertThat(config.slack().channel()).isEqualTo("#file");
        assertThat(config.slack().apiUrl()).isEqualTo("http://file:1/api/");
        assertThat(config.prometheus().url()).isEqualTo("http://file-prom:9090");
        assertThat(config.llm().apiKey().reveal()).isEqualTo("sk-file");
        assertThat(config.llm().baseUrl()).isEqualTo("http://file-llm/v1");
    }

    @Test
    void withoutTheVariablesTheDocumentedDefaultsApplyAndMissingTokensAreNamed() throws Exception {
        WatchdogConfig config = load("groups: []\n", Map.of());

        assertThat(config.prometheus().url()).isEqualTo("http://localhost:9090");
        assertThat(config.slack().channel()).isEqualTo("#alerts");
        assertThat(config.slack().apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(config.unsetVariables())
                .containsEntry("slack.bot-token", "SLACK_BOT_TOKEN")
                .containsEntry("slack.app-token", "SLACK_APP_TOKEN");
        assertThat(config.llm().provider()).isEqualTo("none");
    }

    @Test
    void theModelsKeyIsNotGivenToOllamaNorDoesItTurnTheModelOn() throws Exception {
        WatchdogConfig ollama = load("llm: {provider: ollama, model: llama3.1, base-url: \"http://ollama:11434\"}\n",
                ENV);
        WatchdogConfig none = load("groups: []\n", ENV);

        assertThat(ollama.llm().apiKey().reveal()).isEmpty();
        assertThat(ollama.llm().baseUrl()).isEqualTo("http://ollama:11434");
        assertThat(none.llm().provider()).isEqualTo("none");
    }

    @Test
    void aBadValueFromTheEnvironmentIsReportedAtItsKey() {
        assertThatThrownBy(() -> load("groups: []\n", Map.of("PROMETHEUS_URL", "not a url")))
                .isInstanceOfSatisfying(ConfigException.class, failure -> assertThat(failure.problems())
                        .anySatisfy(problem -> assertThat(problem.path()).isEqualTo("prometheus.url")));
    }
}
