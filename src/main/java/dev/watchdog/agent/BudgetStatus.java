package dev.watchdog.agent;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The token budget at one moment: used this hour and today against the limits.
 *
 * @param hourStart the start of the current clock hour (UTC); the hour's budget refills an hour later
 * @param dayStart  midnight UTC today; the day's budget refills a day later
 */
public record BudgetStatus(BudgetSettings limits, long usedThisHour, long usedToday, Instant hourStart,
        Instant dayStart) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("EEE HH:mm 'UTC'", Locale.US).withZone(ZoneOffset.UTC);

    public boolean hourSpent() {
        return limits.perHour() > 0 && usedThisHour >= limits.perHour();
    }

    public boolean daySpent() {
        return limits.perDay() > 0 && usedToday >= limits.perDay();
    }

    public boolean spent() {
        return hourSpent() || daySpent();
    }

    /** When a spent budget lets turns start again: the end of the day when the day is spent, else of the hour. */
    public Optional<Instant> refillsAt() {
        if (daySpent()) {
            return Optional.of(dayStart.plus(Duration.ofDays(1)));
        }
        return hourSpent() ? Optional.of(hourStart.plus(Duration.ofHours(1))) : Optional.empty();
    }

    /** "12,340 of 50,000 tokens this hour, 80,000 of 400,000 today" (a limit of 0 reads "no limit"). */
    public String usage() {
        return amount(usedThisHour, limits.perHour()) + " this hour, " + amount(usedToday, limits.perDay()) + " today";
    }

    /**
     * Why no model turn starts now, for people: "the model budget of 50,000 tokens per hour is used
     * up (50,210 used); it refills at 14:00 UTC". Empty while there is budget left.
     */
    public Optional<String> whySpent() {
        List<String> spent = new ArrayList<>();
        if (hourSpent()) {
            spent.add(number(limits.perHour()) + " tokens per hour (" + number(usedThisHour) + " used)");
        }
        if (daySpent()) {
            spent.add(number(limits.perDay()) + " tokens per day (" + number(usedToday) + " used)");
        }
        if (spent.isEmpty()) {
            return Optional.empty();
        }
        Instant refill = refillsAt().orElseThrow();
        String when = daySpent() ? DAY_TIME.format(refill) : TIME.format(refill);
        return Optional.of("the model budget of " + String.join(" and ", spent) + " is used up; it refills at " + when);
    }

    private static String amount(long used, long limit) {
        return limit == 0 ? number(used) + " tokens (no limit)" : number(used) + " of " + number(limit) + " tokens";
    }

    static String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }
}
