package dev.watchdog.agent.tools;

import dev.watchdog.config.Durations;
import java.time.Duration;
import java.util.Optional;

/** Reading the optional arguments models send: blank means "not given", and mistakes are {@link ToolFailure}s. */
final class ToolArguments {

    private ToolArguments() {
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** A Prometheus-style duration ({@code 30m}, {@code 1h}) between zero and {@code max}. */
    static Optional<Duration> duration(String tool, String name, String value, Duration max) {
        if (isBlank(value)) {
            return Optional.empty();
        }
        Duration parsed = Durations.parse(value.strip()).orElseThrow(() -> new ToolFailure(tool + " was not run: "
                + name + " \"" + value + "\" is not a duration (use " + Durations.ALLOWED + ")"));
        if (parsed.isZero()) {
            throw new ToolFailure(tool + " was not run: " + name + " must be longer than 0s");
        }
        if (max != null && parsed.compareTo(max) > 0) {
            throw new ToolFailure(tool + " was not run: " + name + " " + value.strip()
                    + " is longer than the allowed " + Durations.format(max) + "; ask for a shorter one");
        }
        return Optional.of(parsed);
    }

    /** A whole number between 1 and {@code max}, or the fallback when not given. */
    static int count(String tool, String name, Integer value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw new ToolFailure(tool + " was not run: " + name + " " + value + " is out of range (allowed: 1 to "
                    + max + ")");
        }
        return value;
    }
}
