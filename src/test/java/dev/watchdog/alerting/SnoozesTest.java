package dev.watchdog.alerting;

import dev.watchdog.db.Database;
import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.config.Durations;
import dev.watchdog.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnoozesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final Database database = Database.inMemory();
    private final AlertStore store = new SqlAlertStore(database, clock);
    private final Snoozes snoozes = new Snoozes(store, List.of(Duration.ofMinutes(15), Duration.ofHours(1)), clock);

    @AfterEach
    void close() {
        database.close();
    }

    private static AlertInstance alert(Map<String, String> labels) {
        return new AlertInstance(Fingerprint.of(labels), labels.getOrDefault("alertname", "?"), labels, Map.of(),
                AlertState.FIRING, 1, T0, T0, null, null);
    }

    @Test
    void theKeyIsTheAlertWhateverItsSeverity() {
        AlertInstance warning = alert(Map.of("alertname", "DiskFull", "instance", "db-1", "severity", "warning"));
        AlertInstance critical = alert(Map.of("alertname", "DiskFull", "instance", "db-1", "severity", "critical"));
        AlertInstance other = alert(Map.of("alertname", "DiskFull", "instance", "db-2", "severity", "warning"));

        assertThat(Snoozes.keyOf(critical)).isEqualTo(Snoozes.keyOf(warning))
                .isEqualTo(Fingerprint.of(Map.of("alertname", "DiskFull", "instance", "db-1")));
        assertThat(Snoozes.keyOf(other)).isNotEqualTo(Snoozes.keyOf(warning));
    }

    @ParameterizedTest(name = "{0} from the {1}: {2}")
    @CsvSource({
            "15m, select,  true",
            "1h,  select,  true",
            "4h,  select,  false",
            "4h,  command, true",
            "1m,  command, true",
            "30s, command, false",
            "7d,  command, true",
            "8d,  command, false"})
    void theSelectAllowsWhatItOffersACommandAnythingFromOneMinuteToSevenDays(String duration, String from,
            boolean allowed) {
        assertThat(snoozes.allows(Durations.parse(duration).orElseThrow(), from.equals("select")))
                .isEqualTo(allowed);
    }

    @ParameterizedTest(name = "snoozed at {0}, back at {1}: outgrown {2}")
    @CsvSource({
            "warning,  critical, true",
            "warning,  error,    true",
            "warning,  warning,  false",
            "critical, warning,  false",
            "page,     critical, false",
            "none,     info,     true",
            "'',       none,     false",
            "whatever, warning,  true"})
    void anAlertOutgrowsItsSnoozeOnlyByComingBackMoreSevere(String snoozedAt, String severity, boolean outgrown) {
        Snooze snooze = new Snooze("key", "U1", T0.plusSeconds(3600), T0, snoozedAt);

        assertThat(Snoozes.isOutgrownBy(snooze, alert(Map.of("alertname", "DiskFull", "severity", severity))))
                .isEqualTo(outgrown);
    }

    @Test
    void aSnoozeHoldsUntilItEndsAndEndedSnoozesAreTakenOnce() {
        AlertInstance disk = alert(Map.of("alertname", "DiskFull", "severity", "warning"));
        AlertInstance cpu = alert(Map.of("alertname", "CpuHigh", "severity", "warning"));
        Snooze diskSnooze = snoozes.snooze(disk, "U1", Duration.ofMinutes(15));
        snoozes.snooze(cpu, "U2", Duration.ofHours(1));

        assertThat(diskSnooze).isEqualTo(new Snooze(Snoozes.keyOf(disk), "U1", T0.plusSeconds(900), T0, "warning"));
        assertThat(snoozes.active(disk)).contains(diskSnooze);
        assertThat(Snoozes.isFor(diskSnooze, disk)).isTrue();
        assertThat(Snoozes.isFor(diskSnooze, cpu)).isFalse();

        clock.advance(Duration.ofMinutes(15));
        assertThat(snoozes.active(disk)).as("a snooze ends at its until").isEmpty();
        assertThat(snoozes.unsnooze(disk)).as("an ended snooze is not there to end").isFalse();
        assertThat(snoozes.takeEnded()).containsExactly(diskSnooze);
        assertThat(snoozes.takeEnded()).isEmpty();

        assertThat(snoozes.unsnooze(cpu)).isTrue();
        assertThat(snoozes.active(cpu)).isEmpty();
        assertThat(store.snoozes()).isEmpty();
    }
}
