package dev.watchdog.agent;

import dev.watchdog.config.ConfigNode;
import java.util.Optional;

/**
 * The {@code llm.budget:} section: how many model tokens (input and output together) all
 * investigations and answers may use per clock hour and per UTC day. 0 means no limit.
 *
 * @param perHour tokens from the start of the hour (UTC) to its end; 0: unlimited
 * @param perDay  tokens from midnight UTC to midnight; 0: unlimited
 */
public record BudgetSettings(long perHour, long perDay) {

    /** A runaway storm costs at most this much; a busy day of ordinary incidents fits well within it. */
    public static final long DEFAULT_PER_HOUR = 200_000;
    public static final long DEFAULT_PER_DAY = 1_000_000;
    public static final BudgetSettings DEFAULTS = new BudgetSettings(DEFAULT_PER_HOUR, DEFAULT_PER_DAY);
    public static final BudgetSettings UNLIMITED = new BudgetSettings(0, 0);
    static final int MAX = Integer.MAX_VALUE;

    public BudgetSettings {
        if (perHour < 0 || perDay < 0) {
            throw new IllegalArgumentException("a budget cannot be negative");
        }
    }

    public static BudgetSettings bind(Optional<ConfigNode> section) {
        if (section.isEmpty() || section.get().isNull()) {
            return DEFAULTS;
        }
        ConfigNode node = section.get();
        node.allowOnly("per-hour", "per-day");
        long perHour = node.integer("per-hour", (int) DEFAULT_PER_HOUR, 0, MAX);
        long perDay = node.integer("per-day", (int) DEFAULT_PER_DAY, 0, MAX);
        if (perHour > 0 && perDay > 0 && perHour > perDay) {
            node.field("per-hour").orElse(node).problem(perHour + " tokens per hour is more than the "
                    + perDay + " allowed per day (0 means no limit)");
        }
        return new BudgetSettings(perHour, perDay);
    }

    public boolean unlimited() {
        return perHour == 0 && perDay == 0;
    }
}
