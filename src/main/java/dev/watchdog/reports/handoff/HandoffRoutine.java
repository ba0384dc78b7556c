package dev.watchdog.reports.handoff;

import dev.watchdog.concurrent.Routine;
import dev.watchdog.db.StoreException;
import dev.watchdog.memory.MemoryStore;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.WriteClass;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each channel's hand-off digest when its schedule says a shift changed. The leader runs
 * it; the time of the last digest is claimed in the store before the digest is posted, so a
 * restart or a second replica never sends the same one twice. After a long outage one digest
 * covers everything since the last. A channel's first run only notes the time: its first
 * digest comes at the next shift change and covers the time since.
 */
public final class HandoffRoutine implements Routine {

    private static final Logger log = LoggerFactory.getLogger(HandoffRoutine.class);
    static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    private final List<HandoffSettings.Target> targets;
    private final MemoryStore memory;
    private final HandoffDigest digest;
    private final SlackPoster slack;
    private final Clock clock;

    public HandoffRoutine(List<HandoffSettings.Target> targets, MemoryStore memory, HandoffDigest digest,
            SlackPoster slack, Clock clock) {
        this.targets = List.copyOf(targets);
        this.memory = memory;
        this.digest = digest;
        this.slack = slack.at(WriteClass.BULK);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "handoff-digest";
    }

    @Override
    public Duration interval() {
        return CHECK_EVERY;
    }

    @Override
    public void runOnce() {
        Instant now = clock.instant();
        for (HandoffSettings.Target target : targets) {
            try {
                runFor(target, now);
            } catch (RuntimeException failure) {
                log.warn("hand-off digest for {} failed: {}", target.channel(), failure.toString(), failure);
            }
        }
    }

    private void runFor(HandoffSettings.Target target, Instant now) {
        Optional<Instant> last = memory.lastHandoff(target.channel());
        if (last.isEmpty()) {
            memory.claimHandoff(target.channel(), last, now);
            return;
        }
        Instant due = latestDue(target, last.get(), now);
        if (due == null) {
            return;
        }
        if (!memory.claimHandoff(target.channel(), last, due)) {
            return; // another replica, or this one before a restart, sent it
        }
        try {
            slack.post(target.channel(), null, digest.render(target.channel(), last.get(), due));
            log.info("sent the hand-off digest for {} ({} to {})", target.channel(), last.get(), due);
        } catch (StoreException failure) {
            log.warn("the hand-off digest for {} could not be read from the store: {}", target.channel(),
                    failure.getMessage(), failure);
        }
    }

    /** The last time the schedule was due after {@code last} and no later than {@code now}; null if none. */
    static Instant latestDue(HandoffSettings.Target target, Instant last, Instant now) {
        Instant due = null;
        Instant next = target.schedule().nextAfter(last);
        while (!next.isAfter(now)) {
            due = next;
            next = target.schedule().nextAfter(next);
        }
        return due;
    }
}
