package dev.watchdog.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.watchdog.ops.telemetry.ModelCallTracing;
import dev.watchdog.slack.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds the chat model the {@code llm:} section names: OpenAI or any OpenAI-compatible endpoint
 * (vLLM, LM Studio, a gateway) through {@code base-url}, or Ollama. Every model has its request
 * timeout and at most {@value #MAX_RETRIES} retries of failures that may pass.
 */
public final class ChatModelFactory {

    public static final String DEFAULT_OPENAI_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";
    public static final String DEFAULT_OLLAMA_URL = "http://localhost:11434";
    public static final String DEFAULT_OLLAMA_MODEL = "llama3.1";
    static final int MAX_RETRIES = 2;

    private ChatModelFactory() {
    }

    /** The model, or empty when none is configured: provider {@code none}, or {@code openai} without a key. */
    public static Optional<ChatModel> create(LlmSettings settings, Sleeper sleeper) {
        return switch (settings.provider()) {
            case "openai" -> settings.apiKey().isEmpty()
                    ? Optional.empty()
                    : Optional.of(retrying(openAi(orDefault(settings.baseUrl(), DEFAULT_OPENAI_URL),
                            settings.apiKey().reveal(), orDefault(settings.model(), DEFAULT_OPENAI_MODEL),
                            settings.timeout()), sleeper));
            case "ollama" -> Optional.of(retrying(ollama(orDefault(settings.baseUrl(), DEFAULT_OLLAMA_URL),
                    orDefault(settings.model(), DEFAULT_OLLAMA_MODEL), settings.timeout(), settings.contextSize()),
                    sleeper));
            default -> Optional.empty();
        };
    }

    /** Why {@link #create} gave no model, for the "no model configured" answers; empty when it gives one. */
    public static Optional<String> whyNoModel(LlmSettings settings) {
        return switch (settings.provider()) {
            case "openai" -> settings.apiKey().isEmpty()
                    ? Optional.of("llm.provider is openai but llm.api-key is empty (set OPENAI_API_KEY)")
                    : Optional.empty();
            case "ollama" -> Optional.empty();
            default -> Optional.of("llm.provider is none");
        };
    }

    /** LangChain4j's own retries are off: {@link RetryingChatModel} decides, with an injectable wait. */
    static ChatModel openAi(String baseUrl, String apiKey, String model, Duration timeout) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .modelName(model)
                .timeout(timeout)
                .maxRetries(0)
                .listeners(List.of(ModelCallTracing.of("openai", model)))
                .build();
    }

    static ChatModel ollama(String baseUrl, String model, Duration timeout) {
        return ollama(baseUrl, model, timeout, LlmSettings.DEFAULT_CONTEXT_SIZE);
    }

    /** Ollama cuts a prompt longer than its context window without a word, so the window is always set. */
    static ChatModel ollama(String baseUrl, String model, Duration timeout, int contextSize) {
        return OllamaChatModel.builder()
                .baseUrl(baseUrl)
                .modelName(model)
                .timeout(timeout)
                .numCtx(contextSize)
                .maxRetries(0)
                .listeners(List.of(ModelCallTracing.of("ollama", model)))
                .build();
    }

    static ChatModel retrying(ChatModel model, Sleeper sleeper) {
        return new RetryingChatModel(model, MAX_RETRIES, sleeper);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
