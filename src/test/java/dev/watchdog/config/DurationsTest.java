package dev.watchdog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "500ms, 500", "30s, 30000", "5m, 300000", "1h30m, 5400000", "2d, 172800000",
        "1w, 604800000", "1y, 31536000000", "1h0m5s100ms, 3605100"})
    void parsesPrometheusDurations(String text, long millis) {
        assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "30x", "5 m", "m5", "1.5h", "-5m", "5m1h", "99999999999999999999y"})
    void rejectsWhatPrometheusRejects(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "90000, 1m30s", "14400000, 4h", "500, 500ms", "86400000, 1d"})
    void formatsTheShortestSpelling(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"240123, 4m", "999, 0s", "-5000, 0s", "5400000, 1h30m"})
    void formatsHowLongSomethingLastedToTheSecond(long millis, String text) {
        assertThat(Durations.formatSeconds(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"2592000000, 30d", "604800000, 7d", "43200000, 12h"})
    void formatsPeriodsOfWholeDaysInDays(long millis, String text) {
        assertThat(Durations.formatDays(Duration.ofMillis(millis))).isEqualTo(text);
    }
}
