package dev.watchdog.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void weeklyIsDueOnThatDayAtThatWallClockTime() {
        Schedule schedule = Schedule.parse("weekly monday 09:00", BERLIN);

        // Saturday 2026-12-05 12:00 UTC -> Monday 2026-12-07 09:00 CET (08:00 UTC)
        assertThat(schedule.nextAfter(Instant.parse("2026-12-05T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
    }

    @Test
    void dueTimeItselfIsNotNextAfterItself() {
        Schedule schedule = Schedule.parse("daily 09:00", BERLIN);

        assertThat(schedule.nextAfter(Instant.parse("2026-12-07T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-08T08:00:00Z"));
    }

    @Test
    void severalTimesOfDayComeInOrder() {
        Schedule schedule = Schedule.parse("daily 20:00,08:00", NEW_YORK);

        Instant first = schedule.nextAfter(Instant.parse("2026-12-05T12:00:00Z")); // 07:00 EST
        Instant second = schedule.nextAfter(first);

        assertThat(first).isEqualTo(Instant.parse("2026-12-05T13:00:00Z"));
        assertThat(second).isEqualTo(Instant.parse("2026-12-06T01:00:00Z"));
    }

    @Test
    void weekdaysSkipTheWeekend() {
        Schedule schedule = Schedule.parse("weekdays 09:30", ZoneId.of("UTC"));

        assertThat(schedule.nextAfter(Instant.parse("2026-12-04T10:00:00Z"))) // a Friday, after 09:30
                .isEqualTo(Instant.parse("2026-12-07T09:30:00Z"));
    }

    @Test
    void crontabExpressionsWork() {
        Schedule schedule = Schedule.parse("0 9 * * 1", BERLIN);

        assertThat(schedule.nextAfter(Instant.parse("2026-12-05T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
    }

    @Test
    void aTimeSkippedBySpringForwardRunsWhenTheClockHasJumped() {
        // Berlin, 2027-03-28: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist that day.
        Schedule schedule = Schedule.parse("daily 02:30", BERLIN);

        Instant due = schedule.nextAfter(Instant.parse("2027-03-27T12:00:00Z"));

        assertThat(due).isEqualTo(Instant.parse("2027-03-28T01:30:00Z")); // 03:30 CEST
        assertThat(schedule.nextAfter(due)).isEqualTo(Instant.parse("2027-03-29T00:30:00Z")); // 02:30 CEST
    }

    @Test
    void aTimeRepeatedByFallBackRunsOnce() {
        // New York, 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice.
        Schedule schedule = Schedule.parse("daily 01:30", NEW_YORK);

        Instant due = schedule.nextAfter(Instant.parse("2026-10-31T12:00:00Z"));

        assertThat(due).isEqualTo(Instant.parse("2026-11-01T05:30:00Z")); // 01:30 EDT, the first one
        assertThat(schedule.nextAfter(due)).isEqualTo(Instant.parse("2026-11-02T06:30:00Z")); // 01:30 EST next day
    }

    @Test
    void fromInsideTheRepeatedHourTheNextDayIsNext() {
        Schedule schedule = Schedule.parse("daily 01:30", NEW_YORK);

        // 01:10 EST, the second pass through the hour: 01:30 EDT has already been, and runs once.
        assertThat(schedule.nextAfter(Instant.parse("2026-11-01T06:10:00Z")))
                .isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                      | the schedule is empty",
            "weekly funday 09:00     | \"funday\" in \"weekly funday 09:00\" is not a day of the week (monday to sunday)",
            "daily 25:00             | \"25:00\" in \"daily 25:00\" is not a time of day (HH:MM, 00:00 to 23:59)",
            "daily                   | \"daily\" does not read as daily HH:MM[,HH:MM...]",
            "weekly 09:00            | \"weekly 09:00\" does not read as weekly <day> HH:MM[,HH:MM...]",
            "every monday            | \"every monday\" is not a schedule; use a crontab expression",
            "0 25 * * *              | \"0 25 * * *\" is not a valid crontab expression",
    })
    void badSchedulesSayWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> Schedule.parse(text, BERLIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
