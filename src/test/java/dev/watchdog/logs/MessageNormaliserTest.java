package dev.watchdog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageNormaliserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "timeout after 3012 ms to 10.0.4.17:5432                | timeout after <num> ms to <ip>",
        "user 'alice' not found                                  | user <str> not found",
        "no such key \"session:42\"                              | no such key <str>",
        "request 5f0c2b1e-8a6d-4c1e-9f3b-2a7d4e6c8b90 failed     | request <uuid> failed",
        "bad pointer 0x7ffde4a1 in frame                         | bad pointer <hex> in frame",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 missing | commit <hex> missing",
        "pod checkout-7f9c6d5b4-x2k8p restarted                  | pod <id> restarted",
        "took 1.25 seconds                                       | took <num> seconds",
        "HTTP2 stream reset by utf8 peer                         | HTTP2 stream reset by utf8 peer",
        "   spaces   collapse   ,   too                          | spaces collapse , too",
    })
    void variablePartsBecomePlaceholders(String message, String expected) {
        assertThat(MessageNormaliser.normalise(message)).isEqualTo(expected);
    }

    @Test
    void onlyTheStartOfALongMessageCounts() {
        assertThat(MessageNormaliser.normalise("x".repeat(1000))).hasSize(MessageNormaliser.MAX_INPUT_CHARS);
    }

    @Test
    void errorTypesPreferAnExplicitTypeThenAnExceptionThenTheMessage() {
        Instant t = Instant.parse("2024-01-15T10:00:00Z");

        assertThat(ErrorTypes.of(new LogEntry(t, LogLevel.ERROR, "boom", "boom", "PaymentDeclined"))).isEqualTo("PaymentDeclined");
        assertThat(ErrorTypes.of(new LogEntry(t, LogLevel.WARN, "retrying\nCaused by: io.grpc.StatusRuntimeException: "
                + "UNAVAILABLE", "retrying", null))).isEqualTo("io.grpc.StatusRuntimeException");
        assertThat(ErrorTypes.of(new LogEntry(t, LogLevel.ERROR, "Traceback ...\nValueError: bad input", "x", null)))
                .isEqualTo("ValueError");
        assertThat(ErrorTypes.of(new LogEntry(t, LogLevel.ERROR, "Error: disk 93% full", "Error: disk 93% full", null)))
                .isEqualTo("Error: disk <num>% full");
        assertThat(ErrorTypes.of(new LogEntry(t, LogLevel.INFO, "all fine", "all fine", null))).isNull();
    }

    @Test
    void secretsAreRedactedBeforeTheyAreCutIntoPieces() {
        Instant t = Instant.parse("2024-01-15T10:00:00Z");
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

        assertThat(ErrorTypes.of(new LogEntry(t, LogLevel.ERROR, "x", "rejected token " + jwt + " for user 42", null)))
                .isEqualTo("rejected token [REDACTED:jwt] for user <num>");
    }
}
