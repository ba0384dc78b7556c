package dev.watchdog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2024-01-15T10:23:45Z INFO started                       | 2024-01-15T10:23:45Z",
        "2024-01-15T10:23:45.123456789Z INFO nanos               | 2024-01-15T10:23:45.123456789Z",
        "2024-01-15T11:23:45.5+01:00 INFO offset                 | 2024-01-15T10:23:45.500Z",
        "2024-01-15T05:23:45-0500 INFO compact offset            | 2024-01-15T10:23:45Z",
        "2024-01-15 10:23:45,123 ERROR [main] log4j default      | 2024-01-15T10:23:45.123Z",
        "2024-01-15 10:23:45.123 ERROR dot millis, no zone       | 2024-01-15T10:23:45.123Z",
        "[2024-01-15 10:23:45] production.ERROR: laravel         | 2024-01-15T10:23:45Z",
        "time=\"2024-01-15T10:23:45Z\" level=error msg=logfmt    | 2024-01-15T10:23:45Z",
        "<165>1 2024-01-15T10:23:45.003Z host app - - - rfc5424  | 2024-01-15T10:23:45.003Z",
        "Jan 15 10:23:45 web-1 sshd[812]: syslog                 | 2024-01-15T10:23:45Z",
        "Jan  5 10:23:45 web-1 kernel: two spaces before the day | 2024-01-05T10:23:45Z",
        "Dec 31 23:59:59 web-1 cron: last year                   | 2023-12-31T23:59:59Z",
        "10.0.0.1 - - [15/Jan/2024:11:23:45 +0100] \"GET / HTTP/1.1\" 200 | 2024-01-15T10:23:45Z",
        "1705314225 epoch seconds                                | 2024-01-15T10:23:45Z",
        "1705314225.25 epoch seconds with fraction               | 2024-01-15T10:23:45.250Z",
        "1705314225123 epoch millis                              | 2024-01-15T10:23:45.123Z",
    })
    void findsTheTimestampAtTheStartOfALine(String line, String expected) {
        assertThat(Timestamps.find(line, ZoneOffset.UTC, NOW)).isNotNull()
                .extracting(Timestamps.Found::time).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "\tat com.example.Checkout.pay(Checkout.java:42)",
        "Caused by: java.net.SocketTimeoutException: Read timed out",
        "1234567890 rows affected",
        "    at processTicksAndRejections (node:internal/process/task_queues:95:5)",
        "2024-13-45 10:23:45 not a date",
        "request id 42 finished at the end of a much longer line 2024-01-15T10:23:45Z",
        "",
    })
    void continuationLinesHaveNoTimestamp(String line) {
        assertThat(Timestamps.find(line, ZoneOffset.UTC, NOW)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2024-01-15 11:23:45, Europe/Berlin, 2024-01-15T10:23:45Z",
        "2024-07-15 12:23:45, Europe/Berlin, 2024-07-15T10:23:45Z",
        "2024-01-15 10:23:45, UTC, 2024-01-15T10:23:45Z",
    })
    void aTimeWithoutZoneIsInTheConfiguredZone(String line, String zone, String expected) {
        assertThat(Timestamps.find(line + " INFO x", ZoneId.of(zone), NOW).time()).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1705314225, 2024-01-15T10:23:45Z",
        "1705314225123, 2024-01-15T10:23:45.123Z",
        "1705314225123456, 2024-01-15T10:23:45.123456Z",
        "1705314225123456789, 2024-01-15T10:23:45.123456789Z",
        "2024-01-15T10:23:45.123Z, 2024-01-15T10:23:45.123Z",
    })
    void aWholeValueMayBeEpochOfAnyPrecisionOrIso(String value, String expected) {
        assertThat(Timestamps.parseValue(value, ZoneOffset.UTC, NOW)).isEqualTo(Instant.parse(expected));
    }
}
