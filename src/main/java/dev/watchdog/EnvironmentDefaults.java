package dev.watchdog;

import dev.watchdog.config.ConfigDefault;
import java.util.List;

/**
 * The environment variables Watchdog documents (design: Contracts, Environment), built in: a config file that leaves
 * a key out gets what the shipped watchdog.yml would give it, and a key the file sets always wins.
 * {@code WATCHDOG_DATA_DIR} is the store's default directory ({@link ConfigLoader}); {@code WATCHDOG_CONFIG} names
 * the file itself ({@link Cli}).
 */
final class EnvironmentDefaults {

    static final List<ConfigDefault> ALL = List.of(
            ConfigDefault.required("slack", "bot-token", "SLACK_BOT_TOKEN"),
            ConfigDefault.required("slack", "app-token", "SLACK_APP_TOKEN"),
            ConfigDefault.orElse("slack", "api-url", "SLACK_API_URL", "https://slack.com/api/"),
            ConfigDefault.orElse("slack", "channel", "WATCHDOG_CHANNEL", "#alerts"),
            ConfigDefault.orElse("prometheus", "url", "PROMETHEUS_URL", "http://localhost:9090"),
            // The model is opt-in (an llm section); its key and endpoint are the OpenAI protocol's, not Ollama's.
            ConfigDefault.ifSet("llm", "api-key", "OPENAI_API_KEY", "provider", "openai"),
            ConfigDefault.ifSet("llm", "base-url", "OPENAI_BASE_URL", "provider", "openai"));

    private EnvironmentDefaults() {
    }
}
