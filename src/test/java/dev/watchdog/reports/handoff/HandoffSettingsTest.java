package dev.watchdog.reports.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.ConfigLoader;
import dev.watchdog.WatchdogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's {@code handoff:} example loads as check-config loads it, and means what the README says. */
class HandoffSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleIsAccepted() throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, """
                handoff:
                  - channel: "#payments-oncall"
                    schedule: daily 08:00,20:00
                    time-zone: Europe/Berlin
                  - channel: C0123456789
                    schedule: "0 9 * * 1-5"
                """);

        WatchdogConfig config = new ConfigLoader(Map.of()).load(file);

        assertThat(config.handoff().targets()).extracting(HandoffSettings.Target::channel, HandoffSettings.Target::zone)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("#payments-oncall", ZoneId.of("Europe/Berlin")),
                        org.assertj.core.groups.Tuple.tuple("C0123456789", ZoneId.of("UTC")));
        assertThat(config.handoff().targets().get(0).schedule().nextAfter(Instant.parse("2026-11-22T07:30:00Z")))
                .isEqualTo(Instant.parse("2026-11-22T19:00:00Z"));
        assertThat(config.handoff().targets().get(1).schedule().nextAfter(Instant.parse("2026-11-22T07:30:00Z")))
                .as("Sunday: next Monday 09:00 UTC").isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    }

    @Test
    void withoutTheKeyThereAreNoDigests() throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, "prometheus:\n  url: http://localhost:9090\n");

        assertThat(new ConfigLoader(Map.of()).load(file).handoff().targets()).isEmpty();
    }
}
