package dev.watchdog.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.watchdog.security.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retry decision and the wording, per HTTP status and per kind of failure. */
class ModelFailuresTest {

    final ModelFailures failures = new ModelFailures(Duration.ofSeconds(60), Redactor.standard());

    @ParameterizedTest(name = "HTTP {0} retried: {1}")
    @CsvSource({
        "400, false", "401, false", "403, false", "404, false", "408, true", "422, false",
        "429, true", "500, true", "502, true", "503, true", "504, true"})
    void retriesOnlyStatusesThatMayPass(int status, boolean retried) {
        RuntimeException failure = new InvalidRequestException(new HttpException(status, "{}"));

        assertThat(ModelFailures.isRetriable(failure)).isEqualTo(retried);
    }

    @Test
    void retriesTimeoutsAndDroppedConnectionsButNotGarbage() {
        assertThat(ModelFailures.isRetriable(new TimeoutException("slow"))).isTrue();
        assertThat(ModelFailures.isRetriable(new RuntimeException(new IOException("connection reset")))).isTrue();
        assertThat(ModelFailures.isRetriable(new RuntimeException(
                new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character")))).isFalse();
        assertThat(ModelFailures.isRetriable(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void saysWhatHappenedInWordsForTheThread() {
        assertThat(failures.describe(new RateLimitException(new HttpException(429, "slow down"))))
                .isEqualTo("the model answered HTTP 429 (rate limited)");
        assertThat(failures.describe(new RuntimeException(new HttpException(404, "no such model"))))
                .isEqualTo("the model answered HTTP 404 (not found; check llm.base-url and llm.model)");
        assertThat(failures.describe(new InvalidRequestException(new HttpException(400,
                "{\"error\": \"context too long\", \"key\": \"sk-abcdefghijklmnopqrstuvwx\"}"))))
                .isEqualTo("the model answered HTTP 400 (request rejected: {\"error\": \"context too long\", "
                        + "\"key\": \"[REDACTED:openai-key]\"})");
        assertThat(failures.describe(new TimeoutException("read timed out")))
                .isEqualTo("the model did not answer within 1m");
        assertThat(failures.describe(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo("the model endpoint could not be reached (connection refused)");
    }
}
