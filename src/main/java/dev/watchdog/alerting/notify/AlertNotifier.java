package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertListener;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertTransition;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.store.Store;
import dev.watchdog.store.StoredAlert;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Posts firing alerts to Slack and edits them in place when they resolve. Slack calls run on one
 * thread of their own, so the poller never waits for Slack and a message is always posted before
 * it is updated. Where each message landed is stored, so an alert is never posted twice.
 */
public final class AlertNotifier implements AlertListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);

    private final SlackPoster poster;
    private final Store store;
    private final String channel;
    private final Clock clock;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slack-delivery");
        thread.setDaemon(true);
        return thread;
    });

    public AlertNotifier(SlackPoster poster, Store store, String channel, Clock clock) {
        this.poster = poster;
        this.store = store;
        this.channel = channel;
        this.clock = clock;
    }

    @Override
    public void onTransitions(List<AlertTransition> transitions) {
        for (AlertTransition transition : transitions) {
            switch (transition.kind()) {
                case FIRING -> delivery.execute(() -> deliver(transition.alert(), this::postFiring));
                case RESOLVED -> delivery.execute(() -> deliver(transition.alert(), this::updateResolved));
                default -> {
                    // pending and cancelled alerts are not news to anyone in Slack
                }
            }
        }
    }

    /**
     * After a restart: firing alerts whose post never completed are posted now. One whose post
     * had started may have reached Slack just before the crash; that is logged.
     */
    public void resumeUndelivered() {
        for (StoredAlert stored : store.openAlerts()) {
            if (stored.alert().state() == AlertState.FIRING && !stored.inSlack()) {
                delivery.execute(() -> deliver(stored.alert(), this::postFiring));
            }
        }
    }

    /**
     * A post that started before a crash may have reached Slack without being recorded: look for
     * its tag in the channel's history before posting again.
     */
    private Optional<PostedMessage> findInterruptedPost(StoredAlert stored) {
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

    private void postFiring(AlertInstance alert) {
        Optional<StoredAlert> stored = store.occurrenceOf(alert);
        if (stored.isEmpty()) {
            log.warn("alert {} is not in the store; not posting it", alert.ruleName());
            return;
        }
        if (stored.get().inSlack()) {
            return; // already in Slack: posted before a restart, or raised by another source first
        }
        long id = stored.get().id();
        Optional<PostedMessage> already = findInterruptedPost(stored.get());
        if (already.isPresent()) {
            store.recordMessage(id, already.get());
            return;
        }
        store.markPosting(id, clock.instant());
        PostedMessage posted = poster.postTagged(channel, AlertMessage.text(alert),
                AlertMessage.blocks(alert, clock.instant()), MessageTag.alert(id));
        store.recordMessage(id, posted);
        store.rememberChannel(channel, posted.channel());
        log.info("posted alert {} to {} as {}", alert.ruleName(), posted.channel(), posted.ts());
    }

    private void updateResolved(AlertInstance alert) {
        Optional<StoredAlert> stored = store.occurrenceOf(alert);
        if (stored.isEmpty() || !stored.get().inSlack()) {
            return; // it never reached Slack, so there is nothing to resolve there
        }
        poster.update(stored.get().message(), AlertMessage.text(alert), AlertMessage.blocks(alert, clock.instant()));
    }

    /** Waits for queued Slack calls, for tests and orderly shutdown. */
    @Override
    public void close() throws InterruptedException {
        delivery.shutdown();
        delivery.awaitTermination(5, TimeUnit.SECONDS);
    }
}
