package dev.watchdog.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsTheFirstValueTheProbeProduces() {
        AtomicInteger polls = new AtomicInteger();

        String value = Await.value(Duration.ofSeconds(5),
                () -> polls.incrementAndGet() < 3 ? Optional.empty() : Optional.of("ready"), () -> "never");

        assertThat(value).isEqualTo("ready");
        assertThat(polls).hasValue(3);
    }

    @Test
    void failsWithTheDescriptionEvaluatedAtTheDeadline() {
        AtomicInteger polls = new AtomicInteger();

        assertThatThrownBy(() -> Await.until(Duration.ofMillis(50), () -> polls.incrementAndGet() < 0,
                () -> "still false after " + polls.get() + " polls"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Timed out after 50 ms: still false after ")
                .hasMessageNotContaining("after 0 polls");
    }

    @Test
    void probeExceptionsPropagateAtOnce() {
        assertThatThrownBy(() -> Await.until(Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("broken probe");
        }, () -> "unused"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("broken probe");
    }
}
