package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertListener;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.AlertTransition;
import dev.watchdog.alerting.Fingerprint;
import dev.watchdog.alerting.Severity;
import dev.watchdog.alerting.Snooze;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.config.Durations;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.SlackText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Everything Watchdog says about alerts in Slack, on one thread of its own: the poller never
 * waits for Slack, a message is always posted before it is edited, and edits of one message
 * collapse into one. Where each message landed is stored, so nothing is posted twice. Follow-ups
 * (reminders, snooze endings, retries of failed posts) go into the alert's thread.
 */
public final class AlertNotifier implements AlertListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
    private static final Duration RETRY_FAILED_POST_AFTER = Duration.ofMinutes(5);
    static final Duration REFRESH_DELAY = Duration.ofMillis(250);

    private final SlackPoster poster;
    private final AlertStore store;
    private final AlertViews views;
    private final StormGuard storms;
    private final Duration repeatInterval;
    private final Clock clock;
    private final ScheduledExecutorService delivery = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slack-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Long> refreshQueued = ConcurrentHashMap.newKeySet();
    private final Set<String> stormRefreshQueued = ConcurrentHashMap.newKeySet();
    /** Told when an alert reached Slack, e.g. to start its investigation. */
    public interface AnnouncementListener {
        /**
         * @param thread where follow-ups about it go: its own message, or, when it joined an alert
         *     storm, the storm's group message
         * @param startsThread false for the second and later alerts of a storm: their thread is taken
         */
        void announced(StoredAlert alert, PostedMessage thread, boolean startsThread);
    }

    private volatile AnnouncementListener announcements = (alert, thread, startsThread) -> { };

    /** The first follow-up pass after a start resumes every post a crash interrupted, without waiting. */
    private boolean resumed;

    public AlertNotifier(SlackPoster poster, AlertStore store, AlertViews views, int stormThreshold, Duration stormWindow,
            Duration repeatInterval, Clock clock) {
        this.poster = poster;
        this.store = store;
        this.views = views;
        this.storms = new StormGuard(stormThreshold, stormWindow);
        this.repeatInterval = repeatInterval;
        this.clock = clock;
    }

    /** Checks for reminders, ended snoozes and failed posts every {@code every}, starting now. */
    public void start(Duration every) {
        delivery.scheduleWithFixedDelay(() -> run("follow-ups", this::followUps), 0, every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void onTransitions(List<AlertTransition> transitions) {
        for (AlertTransition transition : transitions) {
            AlertInstance alert = transition.alert();
            switch (transition.kind()) {
                case FIRING -> delivery.execute(() -> deliver(alert, this::announce));
                case RESOLVED -> delivery.execute(() -> deliver(alert, this::resolve));
                default -> {
                    // pending and cancelled alerts are not news to anyone in Slack
                }
            }
        }
    }

    /**
     * Redraws the alert's message from its stored state. Requests within {@link #REFRESH_DELAY}
     * collapse into one edit: a burst of clicks costs one {@code chat.update}, not one each.
     */
    public void refresh(long id) {
        if (refreshQueued.add(id)) {
            delivery.schedule(() -> {
                refreshQueued.remove(id);
                run("refresh #" + id, () -> store.byId(id).filter(StoredAlert::inSlack).ifPresent(stored ->
                        poster.update(stored.message(), AlertMessage.render(views.of(stored), clock.instant()))));
            }, REFRESH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public void onAnnounced(AnnouncementListener listener) {
        this.announcements = listener;
    }

    /** Posts a reply in a thread, in order with everything else this notifier sends. */
    public CompletableFuture<PostedMessage> reply(PostedMessage thread, SlackMessage message) {
        return CompletableFuture.supplyAsync(() -> poster.post(thread.channel(), thread.ts(), message), delivery);
    }

    /** Replaces a message, in order with everything else this notifier sends. */
    public CompletableFuture<Void> edit(PostedMessage posted, SlackMessage message) {
        return CompletableFuture.runAsync(() -> poster.update(posted, message), delivery);
    }

    private void announce(AlertInstance alert) {
        Optional<StoredAlert> found = store.occurrenceOf(alert);
        if (found.isEmpty() || found.get().inSlack()) {
            return; // already in Slack: posted before a restart, or raised by another source first
        }
        StoredAlert stored = found.get();
        Optional<Snooze> snooze = views.activeSnooze(stored);
        Snooze broken = null;
        if (snooze.isPresent()) {
            if (!Severity.of(alert).isHigherThan(Severity.of(snooze.get().severity()))) {
                log.info("alert {} is snoozed by {} until {}; not posted", alert.ruleName(), snooze.get().snoozedBy(),
                        snooze.get().until());
                return;
            }
            store.unsnooze(snooze.get().key());
            broken = snooze.get();
        }
        String channel = views.router().destination(alert).channel();
        Optional<PostedMessage> interrupted = findInterruptedPost(stored, channel);
        if (interrupted.isPresent()) {
            store.recordMessage(stored.id(), interrupted.get());
            return;
        }
        Instant now = clock.instant();
        Optional<StormGuard.Storm> storm = storms.admit(channel, stored.id(), now);
        store.markPosting(stored.id(), now);
        PostedMessage posted;
        PostedMessage thread;
        boolean startsThread;
        if (storm.isPresent()) {
            startsThread = storm.get().groupMessage == null;
            thread = stormGroup(channel, storm.get());
            posted = poster.post(thread.channel(), thread.ts(), AlertMessage.render(views.of(stored), now));
        } else {
            posted = poster.postTagged(channel, AlertMessage.render(views.of(stored), now), MessageTag.alert(stored.id()));
            store.rememberChannel(channel, posted.channel());
            thread = posted;
            startsThread = true;
        }
        store.recordMessage(stored.id(), posted);
        store.markNotified(stored.id(), now);
        log.info("posted alert {} #{} to {} as {}", alert.ruleName(), stored.id(), posted.channel(), posted.ts());
        StoredAlert announced = store.byId(stored.id()).orElse(stored);
        try {
            announcements.announced(announced, thread, startsThread);
        } catch (RuntimeException failure) {
            log.error("after posting alert {}: {}", alert.ruleName(), failure.getMessage());
        }
        if (broken != null) {
            poster.post(posted.channel(), posted.ts(), SlackMessage.text(":arrow_up: Severity rose to *"
                    + SlackText.escape(alert.severity()) + "*: the snooze by <@" + broken.snoozedBy()
                    + "> no longer applies."));
        }
    }

    private PostedMessage stormGroup(String channel, StormGuard.Storm storm) {
        if (storm.groupMessage == null) {
            storm.groupMessage = poster.post(channel, null, StormMessage.render(stormAlerts(storm), storm.startedAt));
            log.warn("alert storm in {}: grouping new alerts into one message", channel);
        } else {
            refreshStorm(channel);
        }
        return storm.groupMessage;
    }

    private void refreshStorm(String channel) {
        if (stormRefreshQueued.add(channel)) {
            delivery.execute(() -> {
                stormRefreshQueued.remove(channel);
                storms.current(channel).filter(storm -> storm.groupMessage != null).ifPresent(storm -> run(
                        "storm update", () -> poster.update(storm.groupMessage,
                                StormMessage.render(stormAlerts(storm), storm.startedAt))));
            });
        }
    }

    private List<StoredAlert> stormAlerts(StormGuard.Storm storm) {
        return storm.alertIds.stream().map(store::byId).flatMap(Optional::stream).toList();
    }

    private void resolve(AlertInstance alert) {
        Optional<StoredAlert> stored = store.occurrenceOf(alert);
        if (stored.isEmpty() || !stored.get().inSlack()) {
            return; // it never reached Slack, so there is nothing to resolve there
        }
        PostedMessage message = stored.get().message();
        poster.update(message, AlertMessage.render(views.of(stored.get()), clock.instant()));
        poster.post(message.channel(), message.ts(), SlackMessage.text(":white_check_mark: Resolved after "
                + Durations.format(Duration.ofSeconds(alert.firingFor(alert.resolvedAt()).toSeconds())) + "."));
        storms.storms().forEach((channel, storm) -> {
            if (storm.alertIds.contains(stored.get().id())) {
                refreshStorm(channel);
            }
        });
    }

    private void followUps() {
        Instant now = clock.instant();
        List<StoredAlert> open = store.openAlerts();
        Set<Long> told = new java.util.HashSet<>();
        for (Snooze snooze : store.snoozes()) {
            if (!snooze.activeAt(now)) {
                store.unsnooze(snooze.key());
                open.stream()
                        .filter(alert -> Fingerprint.identity(alert.alert().labels()).equals(snooze.key()))
                        .filter(alert -> alert.alert().state() == AlertState.FIRING)
                        .forEach(alert -> {
                            told.add(alert.id());
                            snoozeEnded(alert, snooze);
                        });
            }
        }
        // One read for both passes; an alert whose snooze just ended has had its news already.
        for (StoredAlert alert : open) {
            if (told.contains(alert.id()) || alert.alert().state() != AlertState.FIRING
                    || views.activeSnooze(alert).isPresent()) {
                continue;
            }
            if (!alert.inSlack()) {
                if (!resumed || alert.postStartedAt() == null
                        || Duration.between(alert.postStartedAt(), now).compareTo(RETRY_FAILED_POST_AFTER) >= 0) {
                    deliver(alert.alert(), this::announce);
                }
            } else if (!alert.acknowledged() && alert.lastNotifiedAt() != null
                    && Duration.between(alert.lastNotifiedAt(), now).compareTo(repeatInterval) >= 0) {
                remind(alert, now);
            }
        }
        resumed = true;
    }

    private void remind(StoredAlert open, Instant now) {
        AlertView view = views.of(open);
        String value = Double.isNaN(open.alert().value()) ? ""
                : ", value " + AlertMessage.formatValue(open.alert().value())
                        + (view.threshold() == null ? "" : " (threshold " + view.threshold() + ")");
        poster.post(open.message().channel(), open.message().ts(), SlackMessage.text(":alarm_clock: Still firing after "
                + Durations.format(Duration.ofMinutes(open.alert().firingFor(now).toMinutes())) + SlackText.escape(value)
                + ". Nobody has acknowledged it yet."));
        store.markNotified(open.id(), now);
    }

    private void snoozeEnded(StoredAlert open, Snooze snooze) {
        if (!open.inSlack()) {
            deliver(open.alert(), this::announce); // it began while snoozed: this is its first announcement
            return;
        }
        poster.post(open.message().channel(), open.message().ts(), SlackMessage.text("<@" + snooze.snoozedBy()
                + "> the snooze has ended and *" + SlackText.escape(open.alert().ruleName()) + "* is still firing."));
        store.markNotified(open.id(), clock.instant());
        refresh(open.id());
    }

    /**
     * A post that started before a crash may have reached Slack without being recorded: look for
     * its tag in the channel's history before posting again.
     */
    private Optional<PostedMessage> findInterruptedPost(StoredAlert stored, String channel) {
        if (stored.postStartedAt() == null) {
            return Optional.empty();
        }
        Optional<String> channelId = looksLikeChannelId(channel) ? Optional.of(channel) : store.channelId(channel);
        if (channelId.isEmpty()) {
            log.warn("alert {} was being posted when Watchdog stopped and channel {} has no known id to look it up;"
                    + " posting it again", stored.alert().ruleName(), channel);
            return Optional.empty();
        }
        Optional<PostedMessage> found = poster.findTagged(channelId.get(), MessageTag.alert(stored.id()),
                stored.postStartedAt().minusSeconds(60));
        found.ifPresent(message -> log.info("alert {} had reached Slack before Watchdog stopped; not posting it again",
                stored.alert().ruleName()));
        return found;
    }

    private static boolean looksLikeChannelId(String channel) {
        return channel.matches("[CGD][A-Z0-9]{6,}");
    }

    private void deliver(AlertInstance alert, Consumer<AlertInstance> action) {
        MDC.put("alert", alert.fingerprint());
        try {
            action.accept(alert);
        } catch (RuntimeException failure) {
            log.error("could not deliver alert {} to Slack: {}", alert.ruleName(), failure.getMessage());
        } finally {
            MDC.remove("alert");
        }
    }

    private void run(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException failure) {
            log.error("Slack {} failed: {}", what, failure.getMessage());
        }
    }

    /** Waits for queued Slack calls, for tests and orderly shutdown. */
    @Override
    public void close() throws InterruptedException {
        delivery.shutdown();
        delivery.awaitTermination(5, TimeUnit.SECONDS);
    }
}
