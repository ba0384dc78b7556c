package dev.watchdog.gotemplate;

import static dev.watchdog.gotemplate.TemplateFunction.Param.DURATION;
import static dev.watchdog.gotemplate.TemplateFunction.Param.STRING;
import static dev.watchdog.gotemplate.TemplateFunction.Param.TIME;

import java.time.Duration;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The methods templates call on {@code time.Time} and {@code time.Duration} values, e.g.
 * {@code (now | toTime).Format "2006-01-02"} or {@code ("1h" | parseDuration | toDuration).Minutes}.
 */
final class GoMethods {

    private GoMethods() {
    }

    /** The method of that name on the receiver, bound to it, or null. */
    static TemplateFunction lookup(Object receiver, String name) {
        if (receiver instanceof GoTime t) {
            return timeMethod(t.value(), name);
        }
        if (receiver instanceof GoDuration d) {
            return durationMethod(d.value(), name);
        }
        return null;
    }

    private static TemplateFunction timeMethod(GoTime t, String name) {
        return switch (name) {
            case "Format" -> TemplateFunction.of(name, (c, a) -> t.format((String) a.get(0)), STRING);
            case "String" -> TemplateFunction.of(name, (c, a) -> t.toString());
            case "Unix" -> TemplateFunction.of(name, (c, a) -> t.instant().getEpochSecond());
            case "UnixMilli" -> TemplateFunction.of(name, (c, a) -> t.instant().toEpochMilli());
            case "UnixMicro" -> TemplateFunction.of(name, (c, a) -> Math.floorDiv(t.unixNanos(), 1000L));
            case "UnixNano" -> TemplateFunction.of(name, (c, a) -> t.unixNanos());
            case "Add" -> TemplateFunction.of(name,
                    (c, a) -> new GoTime(t.instant().plusNanos(((GoDuration) a.get(0)).nanos()), false), DURATION);
            case "Sub" -> TemplateFunction.of(name, (c, a) -> new GoDuration(
                    Duration.between(((GoTime) a.get(0)).instant(), t.instant()).toNanos(), false), TIME);
            case "Before" -> TemplateFunction.of(name, (c, a) -> t.instant().isBefore(((GoTime) a.get(0)).instant()), TIME);
            case "After" -> TemplateFunction.of(name, (c, a) -> t.instant().isAfter(((GoTime) a.get(0)).instant()), TIME);
            case "Equal" -> TemplateFunction.of(name, (c, a) -> t.instant().equals(((GoTime) a.get(0)).instant()), TIME);
            case "UTC", "Local" -> TemplateFunction.of(name, (c, a) -> t);
            case "Year" -> TemplateFunction.of(name, (c, a) -> (long) t.utc().getYear());
            case "YearDay" -> TemplateFunction.of(name, (c, a) -> (long) t.utc().getDayOfYear());
            case "Month" -> TemplateFunction.of(name,
                    (c, a) -> t.utc().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            case "Weekday" -> TemplateFunction.of(name,
                    (c, a) -> t.utc().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            case "Day" -> TemplateFunction.of(name, (c, a) -> (long) t.utc().getDayOfMonth());
            case "Hour" -> TemplateFunction.of(name, (c, a) -> (long) t.utc().getHour());
            case "Minute" -> TemplateFunction.of(name, (c, a) -> (long) t.utc().getMinute());
            case "Second" -> TemplateFunction.of(name, (c, a) -> (long) t.utc().getSecond());
            case "Nanosecond" -> TemplateFunction.of(name, (c, a) -> (long) t.utc().getNano());
            default -> null;
        };
    }

    private static TemplateFunction durationMethod(GoDuration d, String name) {
        long nanos = d.nanos();
        return switch (name) {
            case "String" -> TemplateFunction.of(name, (c, a) -> d.toString());
            case "Seconds" -> TemplateFunction.of(name, (c, a) -> d.seconds());
            case "Minutes" -> TemplateFunction.of(name,
                    (c, a) -> (nanos / 60_000_000_000L) + (nanos % 60_000_000_000L) / 60e9);
            case "Hours" -> TemplateFunction.of(name,
                    (c, a) -> (nanos / 3_600_000_000_000L) + (nanos % 3_600_000_000_000L) / 3600e9);
            case "Milliseconds" -> TemplateFunction.of(name, (c, a) -> nanos / 1_000_000L);
            case "Microseconds" -> TemplateFunction.of(name, (c, a) -> nanos / 1_000L);
            case "Nanoseconds" -> TemplateFunction.of(name, (c, a) -> nanos);
            case "Abs" -> TemplateFunction.of(name,
                    (c, a) -> new GoDuration(nanos == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(nanos), false));
            default -> null;
        };
    }
}
