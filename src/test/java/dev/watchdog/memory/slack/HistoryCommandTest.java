package dev.watchdog.memory.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.memory.CauseCategory;
import dev.watchdog.memory.RecordedHistory;
import dev.watchdog.slack.CommandInput;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /watchdog history}: occurrences newest first with durations, acks and recorded causes; bad input says why. */
class HistoryCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");

    private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(40)));
    private final RecordedHistory history = new RecordedHistory(clock);
    private final HistoryCommand command = new HistoryCommand(history.alerts(), history.memory(), clock);

    @AfterEach
    void close() {
        history.close();
    }

    private String run(String... arguments) {
        return command.handle(new CommandInput("U1", "C1", "history", List.of(arguments))).text();
    }

    private static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + at + ">";
    }

    @Test
    void listsTheOccurrencesOfARuleNewestFirstWithTheirCauses() {
        Instant first = NOW.minus(Duration.ofDays(12));
        StoredAlert old = history.occurrence("CheckoutErrors", Map.of("service", "export"), first,
                first.plus(Duration.ofMinutes(45)));
        history.alerts().acknowledge(old.id(), "U0ALICE", first.plusSeconds(60));
        history.cause(old, CauseCategory.BUG, "connection leak", "restart", Set.of(), "U0ALICE");
        history.occurrence("CheckoutErrors", Map.of("service", "billing"), NOW.minus(Duration.ofDays(45)),
                NOW.minus(Duration.ofDays(44))); // outside 30d
        history.occurrence("DiskFull", Map.of("service", "db"), NOW.minus(Duration.ofDays(1)), null);
        StoredAlert open = history.occurrence("CheckoutErrors", Map.of("service", "export"),
                NOW.minus(Duration.ofMinutes(20)), null);
        clock.set(NOW);

        assertThat(run("CheckoutErrors")).isEqualTo(":scroll: History of *CheckoutErrors*, last 30d: 2 occurrences,"
                + " firing 1h5m in all"
                + "\n• `#" + open.id() + "` " + date(NOW.minus(Duration.ofMinutes(20))) + " · firing for 20m"
                + "\n• `#" + old.id() + "` " + date(first) + " · fired 45m · acknowledged by <@U0ALICE>"
                + "\n    :memo: *Cause* (Bug): connection leak  ·  *Fixed by:* restart  ·  recorded by <@U0ALICE> "
                + date(NOW.minus(Duration.ofDays(40))));
        assertThat(run("#" + open.id(), "7d")).startsWith(":scroll: History of *CheckoutErrors* {service=export},"
                + " last 7d: 1 occurrence, firing 20m in all");
    }

    @Test
    void badInputSaysWhatIsAllowed() {
        clock.set(NOW);
        assertThat(run()).startsWith("Usage: `/watchdog history <#id or rule> [30d]`");
        assertThat(run("CheckoutErrors", "2y")).startsWith("`2y` is not a period from 1h to 365d. Usage:");
        assertThat(run("#4242")).startsWith("There is no alert `#4242`");
        assertThat(run("NoSuchRule")).startsWith("No occurrences of *NoSuchRule* in the last 30d.");
    }
}
