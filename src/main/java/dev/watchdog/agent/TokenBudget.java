package dev.watchdog.agent;

import dev.watchdog.db.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many model tokens are left this hour and today. Counted from the token usage the store
 * keeps for every turn (so every replica and a restarted process see the same count), in fixed
 * windows: the clock hour and the UTC day, each refilling at its end. A turn that has started
 * finishes; the budget decides whether the next one starts.
 */
public final class TokenBudget {

    private static final Logger log = LoggerFactory.getLogger(TokenBudget.class);

    private final BudgetSettings limits;
    private final ConversationStore usage;
    private final Clock clock;

    public TokenBudget(BudgetSettings limits, ConversationStore usage, Clock clock) {
        this.limits = limits;
        this.usage = usage;
        this.clock = clock;
    }

    /** Now: what was used in this hour and today, and whether another turn may start. */
    public BudgetStatus status() {
        Instant now = clock.instant();
        Instant hourStart = now.truncatedTo(ChronoUnit.HOURS);
        Instant dayStart = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        return new BudgetStatus(limits, usedSince(hourStart), usedSince(dayStart), hourStart, dayStart);
    }

    /**
     * Tokens used since {@code start}; a store that cannot say counts as nothing used, since the
     * alternative (no model at all while the store is down) would be the bigger surprise.
     */
    private long usedSince(Instant start) {
        try {
            return usage.tokensSince(start);
        } catch (StoreException e) {
            log.warn("Could not read the token usage for the budget; counting none: {}", e.toString(), e);
            return 0;
        }
    }
}
