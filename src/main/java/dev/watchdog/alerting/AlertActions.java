package dev.watchdog.alerting;

import dev.watchdog.config.Durations;
import dev.watchdog.slack.SlackText;
import dev.watchdog.ops.telemetry.Phase;
import dev.watchdog.ops.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledge and snooze, for buttons and slash commands alike. Every call looks the alert up
 * again and checks it; a refused request changes nothing and says exactly why.
 */
public final class AlertActions {

    private static final Logger log = LoggerFactory.getLogger(AlertActions.class);

    /** What to tell the person who asked; {@code changed} is false when nothing happened. */
    public record Outcome(boolean changed, String message) {

        static Outcome done(String message) {
            return new Outcome(true, message);
        }

        static Outcome refused(String message) {
            return new Outcome(false, message);
        }
    }

    private final AlertStore store;
    private final Snoozes snoozes;
    private final AlertChanges changes;
    private final Clock clock;

    public AlertActions(AlertStore store, Snoozes snoozes, AlertChanges changes, Clock clock) {
        this.store = store;
        this.snoozes = snoozes;
        this.changes = changes;
        this.clock = clock;
    }

    /** Finds an alert by the short id people type ({@code 42} or {@code #42}). */
    public Optional<StoredAlert> find(String shortId) {
        String digits = shortId == null ? "" : shortId.strip().replaceFirst("^#", "");
        if (!digits.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return store.byId(Long.parseLong(digits));
    }

    public Outcome acknowledge(String shortId, String userId) {
        return withOpenAlert(shortId, "acknowledge", alert -> {
            if (!store.acknowledge(alert.id(), userId, clock.instant())) {
                StoredAlert now = store.byId(alert.id()).orElse(alert);
                return Outcome.refused(name(alert) + " was already acknowledged by <@" + now.ackedBy() + ">.");
            }
            changes.changed(alert.id());
            return Outcome.done("Acknowledged " + name(alert) + ". Reminders stop for this occurrence.");
        });
    }

    public Outcome unacknowledge(String shortId, String userId) {
        return withOpenAlert(shortId, "unacknowledge", alert -> {
            if (!alert.acknowledged()) {
                return Outcome.refused(name(alert) + " is not acknowledged.");
            }
            store.unacknowledge(alert.id());
            changes.changed(alert.id());
            return Outcome.done("Removed the acknowledgement of " + name(alert) + ".");
        });
    }

    /**
     * @param offeredOnly true for the Snooze select: only the configured durations are accepted
     */
    public Outcome snooze(String shortId, String durationText, String userId, boolean offeredOnly) {
        String allowed = snoozes.offered().stream().map(Durations::format).collect(Collectors.joining(", "));
        Optional<Duration> duration = Durations.parse(durationText == null ? "" : durationText.strip());
        if (duration.isEmpty()) {
            return Outcome.refused("\"" + SlackText.escape(String.valueOf(durationText)) + "\" is not a duration; use "
                    + allowed + " (or any duration from 1m to 7d with /watchdog snooze).");
        }
        if (!snoozes.allows(duration.get(), offeredOnly)) {
            return Outcome.refused(SlackText.escape(durationText.strip()) + " is not a snooze that is offered; use "
                    + (offeredOnly ? allowed : "a duration from 1m to 7d") + ".");
        }
        return withOpenAlert(shortId, "snooze", alert -> {
            Snooze snooze = snoozes.snooze(alert.alert(), userId, duration.get());
            changes.changed(alert.id());
            return Outcome.done("Snoozed " + name(alert) + " for " + Durations.format(duration.get()) + ", until "
                    + SlackText.date(snooze.until()) + ". It comes back on its own, or sooner if its severity rises.");
        });
    }

    public Outcome unsnooze(String shortId, String userId) {
        Optional<StoredAlert> found = find(shortId);
        if (found.isEmpty()) {
            return unknown(shortId);
        }
        StoredAlert alert = found.get();
        if (!snoozes.unsnooze(alert.alert())) {
            return Outcome.refused(name(alert) + " is not snoozed.");
        }
        changes.changed(alert.id());
        return Outcome.done("Unsnoozed " + name(alert) + ".");
    }

    private Outcome withOpenAlert(String shortId, String verb, java.util.function.Function<StoredAlert, Outcome> action) {
        Optional<StoredAlert> found = find(shortId);
        if (found.isEmpty()) {
            return unknown(shortId);
        }
        StoredAlert alert = found.get();
        if (alert.alert().state() == AlertState.RESOLVED) {
            // a click racing the resolution must not bring the alert back
            return Outcome.refused(name(alert) + " already resolved " + SlackText.date(alert.alert().resolvedAt())
                    + "; there is nothing to " + verb + ".");
        }
        // The person is in the log line's context (user), from the click or command that asked.
        try (Phase phase = Telemetry.get().phase("watchdog.alert." + verb).logId("alert", alert.fingerprint())
                .logId("occurrence", alert.id())) {
            Outcome outcome = action.apply(alert);
            log.info("{} of alert {} #{}: {}", verb, alert.alert().ruleName(), alert.id(),
                    outcome.changed() ? "done" : "refused, " + outcome.message());
            return outcome;
        }
    }

    private static Outcome unknown(String shortId) {
        return Outcome.refused("There is no alert `" + SlackText.escape(SlackText.cut(String.valueOf(shortId), 30))
                + "`. `/watchdog alerts` lists the active ones with their ids.");
    }

    private static String name(StoredAlert alert) {
        return "*" + SlackText.escape(alert.alert().ruleName()) + "* `#" + alert.shortId() + "`";
    }
}
