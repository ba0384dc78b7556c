package dev.watchdog.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentTimesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2024-05-01T11:30:00Z          | 2024-05-01T11:30:00Z",
        "2024-05-01T13:30:00.5+02:00   | 2024-05-01T11:30:00.500Z",
        "2024-05-01 11:30:00Z          | 2024-05-01T11:30:00Z",
        "1714563000                    | 2024-05-01T11:30:00Z",
        "1714563000.25                 | 2024-05-01T11:30:00.250Z",
        "1714563000250                 | 2024-05-01T11:30:00.250Z",
    })
    void readsIsoTimesWithAZoneAndEpochSecondsOrMillis(String text, String expected) {
        assertThat(DeploymentTimes.parse(TextNode.valueOf(text))).contains(Instant.parse(expected));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource({"2024-05-01T11:30:00", "yesterday", "''", "1e400"})
    void refusesTimesWithoutZoneAndNonTimes(String text) {
        assertThat(DeploymentTimes.parse(TextNode.valueOf(text))).isEmpty();
    }

    @Test
    void readsJsonNumbers() {
        assertThat(DeploymentTimes.parse(LongNode.valueOf(1714563000L))).contains(Instant.parse("2024-05-01T11:30:00Z"));
        assertThat(DeploymentTimes.parse(DecimalNode.valueOf(new BigDecimal("1714563000123.7"))))
                .contains(Instant.parse("2024-05-01T11:30:00.124Z"));
    }
}
