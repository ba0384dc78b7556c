package dev.watchdog.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus-style durations: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 0}. */
public final class Durations {

    public static final String ALLOWED = "a number with a unit (ms, s, m, h, d, w, y), e.g. 30s, 5m, 1h30m";

    private static final Pattern FORMAT = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600 * 1000, 60 * 1000, 1000, 1
    };

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long millis = 0;
        for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
            String amount = m.group(unit + 1);
            if (amount != null) {
                try {
                    millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(amount), UNIT_MILLIS[unit]));
                } catch (ArithmeticException | NumberFormatException tooLarge) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(Duration.ofMillis(millis));
    }

    /** How long something lasted, to the whole second: {@code 4m}, not {@code 4m0s123ms}. */
    public static String formatSeconds(Duration duration) {
        return format(Duration.ofSeconds(Math.max(0, duration.toSeconds())));
    }

    /** {@code 30d} rather than {@code 4w2d}: periods and objective windows are spoken of in days. */
    public static String formatDays(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? duration.toDays() + "d" : format(duration);
    }

    /** The shortest Prometheus-style spelling, e.g. {@code 1h30m}; used in messages and Slack. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
        StringBuilder out = new StringBuilder();
        for (int unit = 0; unit < UNIT_MILLIS.length; unit++) {
            long amount = millis / UNIT_MILLIS[unit];
            if (amount > 0) {
                out.append(amount).append(units[unit]);
                millis -= amount * UNIT_MILLIS[unit];
            }
        }
        return out.toString();
    }
}
