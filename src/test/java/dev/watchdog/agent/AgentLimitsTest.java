package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.security.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentLimitsTest {

    @Test
    void defaultsAreEightCallsTwentySecondsPerToolNinetySecondsPerTurnAndOneDayOfRange() {
        assertThat(AgentLimits.DEFAULTS).isEqualTo(new AgentLimits(8, Duration.ofSeconds(20), Duration.ofSeconds(90),
                Duration.ofHours(24)));
        assertThat(AgentLimits.from(new LlmSettings("none", "", "", Secret.NONE))).isEqualTo(AgentLimits.DEFAULTS);
        assertThat(AgentLimits.DEFAULTS.toolsStopAfter()).isEqualTo(Duration.ofMillis(67_500));
    }

    @Test
    void rejectsLimitsThatCannotWork() {
        assertThatThrownBy(() -> new AgentLimits(-1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1)))
                .hasMessage("max tool calls must not be negative, was -1");
        assertThatThrownBy(() -> AgentLimits.DEFAULTS.withDeadline(Duration.ZERO))
                .hasMessage("deadline must be positive, was PT0S");
    }
}
