package dev.watchdog.agent;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Durations;
import dev.watchdog.config.Urls;
import dev.watchdog.agent.incident.IncidentSettings;
import dev.watchdog.security.Secret;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code llm:} section: which model the AI investigator talks to, and the limits of one turn.
 *
 * @param provider              {@code openai} (and OpenAI-compatible endpoints), {@code ollama} or {@code none}
 * @param timeout               how long one request to the model may take
 * @param maxToolCalls          tool calls the model may make in one turn (an analysis or an answer)
 * @param toolTimeout           how long one tool call may take
 * @param deadline              how long one turn may take in total
 * @param maxRange              the longest range a PromQL range query from the model may cover
 * @param promptsDir            a directory whose prompt files replace the shipped ones, file by file; empty: none
 * @param pricePer1kInputTokens dollars per 1000 input tokens, or null when not configured
 * @param pricePer1kOutputTokens dollars per 1000 output tokens, or null when not configured
 * @param analyzeAlerts         investigate every alert that fires; false: only on request (Investigate, questions)
 * @param contextSize           Ollama's context window ({@code num_ctx}) in tokens; a longer prompt would be cut silently
 * @param budget                the tokens all turns may use per hour and per day
 * @param incident              which alerts join one incident, with one investigation
 */
public record LlmSettings(String provider, String model, String baseUrl, Secret apiKey, Duration timeout,
        int maxToolCalls, Duration toolTimeout, Duration deadline, Duration maxRange, String promptsDir,
        BigDecimal pricePer1kInputTokens, BigDecimal pricePer1kOutputTokens, boolean analyzeAlerts, int contextSize,
        BudgetSettings budget, IncidentSettings incident) {

    static final List<String> PROVIDERS = List.of("openai", "ollama", "none");

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_TOOL_CALLS = 8;
    public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(90);
    public static final Duration DEFAULT_MAX_RANGE = Duration.ofHours(24);
    static final int MAX_TOOL_CALLS_LIMIT = 50;
    /** Room for the system prompt, a compacted history and a full set of tool results; Ollama's own default is smaller. */
    public static final int DEFAULT_CONTEXT_SIZE = 16_384;
    static final int MIN_CONTEXT_SIZE = 2_048;
    static final int MAX_CONTEXT_SIZE = 1_048_576;
    /** Prometheus keeps 15 days by default; a longer range from a chat turn is a mistake. */
    static final Duration MAX_RANGE_LIMIT = Duration.ofDays(31);

    private static final List<String> KEYS = List.of("provider", "model", "base-url", "api-key", "timeout",
            "max-tool-calls", "tool-timeout", "deadline", "max-range", "prompts-dir",
            "price-per-1k-input-tokens", "price-per-1k-output-tokens", "analyze-alerts", "context-size", "budget",
            "incident");

    /** The settings before limits and prices existed: every new key at its default. */
    public LlmSettings(String provider, String model, String baseUrl, Secret apiKey) {
        this(provider, model, baseUrl, apiKey, DEFAULT_TIMEOUT, DEFAULT_MAX_TOOL_CALLS, DEFAULT_TOOL_TIMEOUT,
                DEFAULT_DEADLINE, DEFAULT_MAX_RANGE, "", null, null, true, DEFAULT_CONTEXT_SIZE, BudgetSettings.DEFAULTS,
                IncidentSettings.DEFAULTS);
    }

    public static LlmSettings bind(ConfigNode node) {
        node.allowOnly(KEYS.toArray(String[]::new));
        String provider = node.string("provider", "none").trim();
        if (!PROVIDERS.contains(provider)) {
            node.field("provider").orElse(node).problem("\"" + provider + "\" is not a provider (allowed: "
                    + String.join(", ", PROVIDERS) + ")");
            provider = "none";
        }
        String baseUrl = node.has("base-url") ? Urls.httpUrl(node, "base-url", "") : "";
        Duration timeout = positive(node, "timeout", DEFAULT_TIMEOUT, null);
        int maxToolCalls = node.integer("max-tool-calls", DEFAULT_MAX_TOOL_CALLS, 0, MAX_TOOL_CALLS_LIMIT);
        Duration deadline = positive(node, "deadline", DEFAULT_DEADLINE, null);
        Duration toolTimeout = positive(node, "tool-timeout", DEFAULT_TOOL_TIMEOUT, null);
        if (toolTimeout.compareTo(deadline) > 0) {
            node.field("tool-timeout").orElse(node).problem(Durations.format(toolTimeout)
                    + " is longer than the deadline of a whole turn (" + Durations.format(deadline) + ")");
            toolTimeout = deadline;
        }
        Duration maxRange = positive(node, "max-range", DEFAULT_MAX_RANGE, MAX_RANGE_LIMIT);
        int contextSize = node.integer("context-size", DEFAULT_CONTEXT_SIZE, MIN_CONTEXT_SIZE, MAX_CONTEXT_SIZE);
        if (node.has("context-size") && !provider.equals("ollama")) {
            node.field("context-size").orElse(node).problem("applies to provider ollama only (an OpenAI-compatible"
                    + " server sizes its context itself); remove it or set provider: ollama");
        }
        return new LlmSettings(provider, node.string("model", "").trim(), baseUrl, node.secret("api-key"),
                timeout, maxToolCalls, toolTimeout, deadline, maxRange, node.string("prompts-dir", "").trim(),
                price(node, "price-per-1k-input-tokens"), price(node, "price-per-1k-output-tokens"),
                node.bool("analyze-alerts", true), contextSize, BudgetSettings.bind(node.field("budget")),
                IncidentSettings.bind(node.field("incident")));
    }

    public static LlmSettings none() {
        return new LlmSettings("none", "", "", Secret.NONE);
    }

    /** Whether prices were configured, so that a cost can be shown next to token counts. */
    public boolean hasPrices() {
        return pricePer1kInputTokens != null || pricePer1kOutputTokens != null;
    }

    private static Duration positive(ConfigNode node, String key, Duration fallback, Duration max) {
        Duration value = node.duration(key, fallback);
        Optional<ConfigNode> field = node.field(key);
        if (value.isZero() || value.isNegative()) {
            field.orElse(node).problem("must be longer than 0s");
            return fallback;
        }
        if (max != null && value.compareTo(max) > 0) {
            String given = field.flatMap(ConfigNode::text).orElse(Durations.format(value)).trim();
            field.orElse(node).problem(given + " is too long (at most " + max.toDays() + "d)");
            return max;
        }
        return value;
    }

    private static BigDecimal price(ConfigNode node, String key) {
        Optional<ConfigNode> field = node.field(key);
        if (field.isEmpty()) {
            return null;
        }
        String text = field.get().text().orElse("").trim();
        try {
            BigDecimal price = new BigDecimal(text);
            if (price.signum() < 0) {
                field.get().problem(text + " is negative (a price in dollars, e.g. 0.00015)");
                return null;
            }
            return price;
        } catch (NumberFormatException notNumber) {
            field.get().problem("\"" + text + "\" is not a price (a number of dollars, e.g. 0.00015)");
            return null;
        }
    }
}
