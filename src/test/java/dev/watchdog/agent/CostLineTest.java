package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostLineTest {

    @Test
    void showsTokensWithThousandsSeparatorsAndTheCostWhenPricesAreKnown() {
        CostLine priced = new CostLine(new BigDecimal("0.00015"), new BigDecimal("0.0006"));

        assertThat(priced.render(new TokenUsage(1000, 234))).isEqualTo("1,234 tokens · $0.0003");
        assertThat(priced.render(new TokenUsage(10_000, 1_500))).isEqualTo("11,500 tokens · $0.0024");
    }

    @Test
    void showsOnlyTokensWithoutPrices() {
        assertThat(CostLine.TOKENS_ONLY.render(new TokenUsage(1000, 234))).isEqualTo("1,234 tokens");
    }

    @Test
    void aMissingPriceCountsAsFree() {
        assertThat(new CostLine(new BigDecimal("0.002"), null).render(new TokenUsage(1000, 1000)))
                .isEqualTo("2,000 tokens · $0.0020");
    }
}
