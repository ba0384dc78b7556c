package dev.watchdog.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * What a turn cost, for the context line under an answer: "1,234 tokens · $0.0021" when prices
 * are configured, else just the tokens.
 *
 * @param pricePer1kInput  dollars per 1000 input tokens, or null
 * @param pricePer1kOutput dollars per 1000 output tokens, or null
 */
public record CostLine(BigDecimal pricePer1kInput, BigDecimal pricePer1kOutput) {

    public static final CostLine TOKENS_ONLY = new CostLine(null, null);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    public static CostLine from(LlmSettings settings) {
        return new CostLine(settings.pricePer1kInputTokens(), settings.pricePer1kOutputTokens());
    }

    public String render(TokenUsage usage) {
        String tokens = NumberFormat.getIntegerInstance(Locale.US).format(usage.total()) + " tokens";
        if (pricePer1kInput == null && pricePer1kOutput == null) {
            return tokens;
        }
        BigDecimal cost = price(pricePer1kInput, usage.inputTokens()).add(price(pricePer1kOutput, usage.outputTokens()));
        return tokens + " · $" + cost.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    private static BigDecimal price(BigDecimal per1k, long tokens) {
        return per1k == null ? BigDecimal.ZERO : per1k.multiply(BigDecimal.valueOf(tokens)).divide(THOUSAND);
    }
}
