package dev.watchdog.reports;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a scheduled report or hand-off digest is due, in a time zone: a crontab expression (five
 * fields: minute hour day-of-month month day-of-week) or one of the spoken forms
 * {@code daily 09:00}, {@code daily 08:00,20:00}, {@code weekdays 09:00} and
 * {@code weekly monday 09:00}.
 *
 * <p>Daylight saving follows cron's custom: a time that does not exist on the day the clocks go
 * forward runs when the clock has jumped over it (02:30 becomes 03:30), and a time that happens
 * twice when they go back runs once, the first time. cron-utils computes the next matching wall
 * clock time; mapping wall clock to instants is done here, because cron-utils' own handling of
 * the gap and the overlap is not documented.
 */
public final class Schedule {

    private static final CronParser CRONTAB = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final String FORMS = "use a crontab expression (\"0 9 * * 1\") or \"daily 09:00\", "
            + "\"daily 08:00,20:00\", \"weekdays 09:00\" or \"weekly monday 09:00\"";

    private final String text;
    private final ZoneId zone;
    private final List<ExecutionTime> times;

    private Schedule(String text, ZoneId zone, List<ExecutionTime> times) {
        this.text = text;
        this.zone = zone;
        this.times = times;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with {@code text} and which forms are allowed
     */
    public static Schedule parse(String text, ZoneId zone) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the schedule is empty; " + FORMS);
        }
        List<String> crontabs = crontabsOf(trimmed);
        List<ExecutionTime> times = new ArrayList<>();
        for (String crontab : crontabs) {
            times.add(ExecutionTime.forCron(cron(crontab, trimmed)));
        }
        return new Schedule(trimmed, zone, List.copyOf(times));
    }

    /** The first time strictly after {@code after} that the schedule is due. */
    public Instant nextAfter(Instant after) {
        LocalDateTime wall = LocalDateTime.ofInstant(after, zone);
        for (int guard = 0; guard < 4; guard++) {
            LocalDateTime next = nextWallTime(wall);
            ZonedDateTime at = ZonedDateTime.ofLocal(next, zone, null);
            if (at.toInstant().isAfter(after)) {
                return at.toInstant();
            }
            // Wall time repeats after the clocks go back: the earlier reading was already due.
            wall = next;
        }
        throw new IllegalStateException("schedule \"" + text + "\" found no time after " + after);
    }

    public String text() {
        return text;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return text + " (" + zone + ")";
    }

    private LocalDateTime nextWallTime(LocalDateTime after) {
        ZonedDateTime asIfUtc = after.atZone(ZoneOffset.UTC);
        return times.stream()
                .map(time -> time.nextExecution(asIfUtc))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("schedule \"" + text + "\" is never due again"))
                .toLocalDateTime();
    }

    private static List<String> crontabsOf(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("\\s+");
        switch (words[0]) {
            case "daily":
                expectWords(words, 2, "daily HH:MM[,HH:MM...]", text);
                return crontabsAt(words[1], "*", text);
            case "weekdays":
                expectWords(words, 2, "weekdays HH:MM[,HH:MM...]", text);
                return crontabsAt(words[1], "1-5", text);
            case "weekly":
                expectWords(words, 3, "weekly <day> HH:MM[,HH:MM...]", text);
                return crontabsAt(words[2], String.valueOf(dayOfWeek(words[1], text)), text);
            default:
                if (words.length != 5) {
                    throw new IllegalArgumentException("\"" + text + "\" is not a schedule; " + FORMS);
                }
                return List.of(text);
        }
    }

    private static void expectWords(String[] words, int count, String form, String text) {
        if (words.length != count) {
            throw new IllegalArgumentException("\"" + text + "\" does not read as " + form);
        }
    }

    private static List<String> crontabsAt(String clockTimes, String dayOfWeek, String text) {
        List<String> crontabs = new ArrayList<>();
        for (String clock : clockTimes.split(",")) {
            LocalTime time;
            try {
                time = LocalTime.parse(clock.length() == 4 ? "0" + clock : clock);
            } catch (DateTimeParseException notATime) {
                throw new IllegalArgumentException("\"" + clock + "\" in \"" + text + "\" is not a time of day (HH:MM, 00:00 to 23:59)");
            }
            if (time.getSecond() != 0) {
                throw new IllegalArgumentException("\"" + clock + "\" in \"" + text + "\": schedules are to the minute (HH:MM)");
            }
            crontabs.add(time.getMinute() + " " + time.getHour() + " * * " + dayOfWeek);
        }
        return crontabs;
    }

    private static int dayOfWeek(String word, String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            if (name.equals(word) || name.substring(0, 3).equals(word)) {
                return day.getValue() % 7; // crontab counts Sunday as 0
            }
        }
        throw new IllegalArgumentException("\"" + word + "\" in \"" + text + "\" is not a day of the week (monday to sunday)");
    }

    private static Cron cron(String crontab, String text) {
        try {
            return CRONTAB.parse(crontab).validate();
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid crontab expression: " + invalid.getMessage()
                    + "; " + FORMS);
        }
    }
}
