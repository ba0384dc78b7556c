package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.MatcherSet;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.StoredAlert;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage: decides whether an alert is held back, and why (after Alertmanager's
 * {@code Muter}, which treats silences and inhibitions as one idea; acknowledgements and snoozes
 * fit the same shape). A muted alert is still stored and listed; it is only not posted, or not
 * reminded.
 */
public final class Muter implements Stage {

    private static final Logger log = LoggerFactory.getLogger(Muter.class);

    /**
     * kube-prometheus' always-firing alert, the "dead man's switch": it proves the alert path
     * works and is never news. Watchdog's own alerts ({@code WatchdogRuleFailing}, …) are news.
     */
    static final String HEARTBEAT = "Watchdog";

    /** Why an alert is held back, or that nothing holds it. */
    public enum Reason {
        NONE,
        /** The {@code Watchdog} heartbeat: never posted, never reminded. */
        HEARTBEAT,
        /** It matches an entry of {@code alerting.ignore}: never posted, never reminded. */
        IGNORED,
        /** Someone snoozed it: not posted nor reminded until the snooze ends. */
        SNOOZED,
        /** It was snoozed but came back more severe: it is posted and the snooze ends; no reminders meanwhile. */
        SNOOZE_OUTGROWN,
        /** Someone acknowledged it: an acknowledgement mutes reminders, never the first post. */
        ACKNOWLEDGED
    }

    /**
     * @param snooze the snooze involved (snoozed, outgrown), else null
     * @param ignoredBy the {@code alerting.ignore} entry that matched, else null
     */
    public record Mute(Reason reason, Snooze snooze, MatcherSet ignoredBy) {

        static final Mute NONE = new Mute(Reason.NONE, null, null);

        public boolean holdsPost() {
            return reason == Reason.HEARTBEAT || reason == Reason.IGNORED || reason == Reason.SNOOZED;
        }

        public boolean holdsReminders() {
            return reason != Reason.NONE;
        }

        @Override
        public String toString() {
            return switch (reason) {
                case NONE -> "not muted";
                case HEARTBEAT -> "the always-firing " + HEARTBEAT + " heartbeat";
                case IGNORED -> "ignored by alerting.ignore " + ignoredBy;
                case SNOOZED -> "snoozed by " + snooze.snoozedBy() + " until " + snooze.until();
                case SNOOZE_OUTGROWN -> "severity rose above the snooze by " + snooze.snoozedBy();
                case ACKNOWLEDGED -> "acknowledged";
            };
        }
    }

    private final List<MatcherSet> ignore;
    private final Snoozes snoozes;

    public Muter(List<MatcherSet> ignore, Snoozes snoozes) {
        this.ignore = List.copyOf(ignore);
        this.snoozes = snoozes;
    }

    /** What holds this alert back now; the first reason wins, in the order of {@link Reason}. */
    public Mute judge(StoredAlert stored) {
        AlertInstance alert = stored.alert();
        if (HEARTBEAT.equals(alert.labels().get("alertname"))) {
            return new Mute(Reason.HEARTBEAT, null, null);
        }
        Optional<MatcherSet> ignoredBy = ignore.stream().filter(set -> set.matches(alert.labels())).findFirst();
        if (ignoredBy.isPresent()) {
            return new Mute(Reason.IGNORED, null, ignoredBy.get());
        }
        Optional<Snooze> snooze = snoozes.active(alert);
        if (snooze.isPresent()) {
            return new Mute(Snoozes.isOutgrownBy(snooze.get(), alert) ? Reason.SNOOZE_OUTGROWN : Reason.SNOOZED,
                    snooze.get(), null);
        }
        return stored.acknowledged() ? new Mute(Reason.ACKNOWLEDGED, null, null) : Mute.NONE;
    }

    @Override
    public Optional<Announcement> apply(Announcement announcement) {
        Mute mute = judge(announcement.stored());
        if (mute.holdsPost()) {
            log.info("alert {} #{} is not posted: {}", announcement.alert().ruleName(), announcement.id(), mute);
            return Optional.empty();
        }
        if (mute.reason() == Reason.SNOOZE_OUTGROWN) {
            snoozes.end(mute.snooze());
            return Optional.of(announcement.outgrowing(mute.snooze()));
        }
        return Optional.of(announcement);
    }
}
