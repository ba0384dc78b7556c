package dev.watchdog.config;

import java.util.List;

/** @param provider {@code openai} (and OpenAI-compatible endpoints), {@code ollama} or {@code none} */
public record LlmSettings(String provider, String model, String baseUrl, String apiKey) {

    static final List<String> PROVIDERS = List.of("openai", "ollama", "none");

    static LlmSettings bind(ConfigNode node) {
        node.allowOnly("provider", "model", "base-url", "api-key");
        String provider = node.string("provider", "none").trim();
        if (!PROVIDERS.contains(provider)) {
            node.field("provider").orElse(node).problem("\"" + provider + "\" is not a provider (allowed: "
                    + String.join(", ", PROVIDERS) + ")");
            provider = "none";
        }
        String baseUrl = node.has("base-url") ? Urls.httpUrl(node, "base-url", "") : "";
        return new LlmSettings(provider, node.string("model", ""), baseUrl, node.string("api-key", ""));
    }

    static LlmSettings none() {
        return new LlmSettings("none", "", "", "");
    }
}
