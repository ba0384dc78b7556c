package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    private final DeliveryPolicy policy = new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(16));

    @Test
    void backoffDoublesPerRetryAndStopsAtTheCap() {
        assertThat(policy.backoffBeforeRetry(1, 0.999_999)).isCloseTo(Duration.ofSeconds(1), Duration.ofMillis(1));
        assertThat(policy.backoffBeforeRetry(2, 0.999_999)).isCloseTo(Duration.ofSeconds(2), Duration.ofMillis(1));
        assertThat(policy.backoffBeforeRetry(3, 0.999_999)).isCloseTo(Duration.ofSeconds(4), Duration.ofMillis(1));
        assertThat(policy.backoffBeforeRetry(5, 0.999_999)).isCloseTo(Duration.ofSeconds(16), Duration.ofMillis(1));
        assertThat(policy.backoffBeforeRetry(1000, 0.999_999)).isCloseTo(Duration.ofSeconds(16), Duration.ofMillis(1));
    }

    @Test
    void theDefaultRetriesAtLeastEveryTenSecondsSoAQueueMovesSoonAfterSlackRecovers() {
        assertThat(DeliveryPolicy.DEFAULT.backoffBeforeRetry(1_000_000, 0.999_999))
                .isCloseTo(Duration.ofSeconds(10), Duration.ofMillis(1));
    }

    @Test
    void jitterSpreadsTheBackoffOverItsUpperHalf() {
        assertThat(policy.backoffBeforeRetry(2, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffBeforeRetry(2, 0.5)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void rejectsSettingsThatCannotWorkAndSaysWhich() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new DeliveryPolicy(second.negated(), second, second))
                .hasMessage("perChannelInterval must not be negative, was PT-1S");
        assertThatThrownBy(() -> new DeliveryPolicy(second, Duration.ZERO, second))
                .hasMessage("firstBackoff must be positive, was PT0S");
        assertThatThrownBy(() -> new DeliveryPolicy(second, Duration.ofSeconds(2), second))
                .hasMessage("maxBackoff (PT1S) must not be less than firstBackoff (PT2S)");
        assertThatThrownBy(() -> policy.backoffBeforeRetry(1, 1.0))
                .hasMessage("jitter must be in [0, 1), was 1.0");
    }
}
