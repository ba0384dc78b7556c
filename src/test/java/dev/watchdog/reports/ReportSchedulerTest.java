package dev.watchdog.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.db.Claims;
import dev.watchdog.db.Database;
import dev.watchdog.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportSchedulerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Sunday 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET in Berlin. */
    private static final ScheduledReport DAILY = new ScheduledReport("daily-shop",
            Schedule.parse("daily 09:00", BERLIN), "#sre", List.of("shop"), ReportPeriod.ALL.get(0));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-23T12:00:00Z"));
    private final List<Instant> posted = new ArrayList<>();
    private Database database;

    @AfterEach
    void close() {
        database.close();
    }

    private ReportScheduler scheduler() {
        if (database == null) {
            database = Database.sqlite(dir.resolve("watchdog.db"));
        }
        return new ReportScheduler(List.of(DAILY), new Claims(database, "replica-1", clock), clock,
                (report, due) -> posted.add(due));
    }

    private void runEveryMinuteFor(ReportScheduler scheduler, Duration span) {
        Instant end = clock.instant().plus(span);
        while (clock.instant().isBefore(end)) {
            scheduler.runOnce();
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void postsAtNineLocalTimeEachDayAcrossTheChangeFromSummerTime() {
        runEveryMinuteFor(scheduler(), Duration.ofDays(4));

        assertThat(posted).containsExactly(
                Instant.parse("2026-10-24T07:00:00Z"), // Saturday 09:00 CEST (UTC+2)
                Instant.parse("2026-10-25T08:00:00Z"), // Sunday 09:00 CET (UTC+1), after the change
                Instant.parse("2026-10-26T08:00:00Z"),
                Instant.parse("2026-10-27T08:00:00Z"));
    }

    @Test
    void aRestartRightAfterAPostDoesNotPostAgainButCatchesUpARunMissedWhileDown() {
        clock.set(Instant.parse("2026-10-24T06:59:00Z"));
        runEveryMinuteFor(scheduler(), Duration.ofMinutes(3));
        assertThat(posted).containsExactly(Instant.parse("2026-10-24T07:00:00Z"));

        runEveryMinuteFor(scheduler(), Duration.ofMinutes(3)); // a new process: nothing in memory
        assertThat(posted).as("the claim in the store says it was posted").hasSize(1);

        clock.set(Instant.parse("2026-10-25T08:20:00Z")); // down over Sunday's 09:00 CET, back 20 minutes late
        runEveryMinuteFor(scheduler(), Duration.ofMinutes(1));
        assertThat(posted).containsExactly(Instant.parse("2026-10-24T07:00:00Z"),
                Instant.parse("2026-10-25T08:00:00Z"));
    }

    @Test
    void aRunMissedByMoreThanTheCatchUpWindowIsSkipped() {
        clock.set(Instant.parse("2026-10-24T07:00:00Z").plus(ReportScheduler.CATCH_UP).plusSeconds(60));

        runEveryMinuteFor(scheduler(), Duration.ofMinutes(5));

        assertThat(posted).isEmpty();
    }
}
