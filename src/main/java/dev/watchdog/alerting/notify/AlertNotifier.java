package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertListener;
import dev.watchdog.alerting.AlertTransition;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackPoster;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Posts firing alerts to Slack and edits them in place when they resolve. Slack calls run on one
 * thread of their own, so the poller never waits for Slack and a message is always posted
 * before it is updated.
 */
public final class AlertNotifier implements AlertListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);

    private final SlackPoster poster;
    private final String channel;
    private final Clock clock;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slack-delivery");
        thread.setDaemon(true);
        return thread;
    });
    /** Occurrence (fingerprint + start) -> its Slack message. */
    private final Map<String, PostedMessage> messages = new ConcurrentHashMap<>();

    public AlertNotifier(SlackPoster poster, String channel, Clock clock) {
        this.poster = poster;
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

    private void deliver(AlertInstance alert, java.util.function.Consumer<AlertInstance> action) {
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
        PostedMessage posted = poster.post(channel, null, AlertMessage.text(alert),
                AlertMessage.blocks(alert, clock.instant()));
        messages.put(occurrence(alert), posted);
        log.info("posted alert {} to {} as {}", alert.ruleName(), posted.channel(), posted.ts());
    }

    private void updateResolved(AlertInstance alert) {
        PostedMessage posted = messages.remove(occurrence(alert));
        if (posted == null) {
            return; // it never reached Slack, so there is nothing to resolve there
        }
        poster.update(posted, AlertMessage.text(alert), AlertMessage.blocks(alert, clock.instant()));
    }

    private static String occurrence(AlertInstance alert) {
        return alert.fingerprint() + "@" + alert.activeAt();
    }

    @Override
    public void close() throws InterruptedException {
        delivery.shutdown();
        delivery.awaitTermination(5, TimeUnit.SECONDS);
    }
}
