package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertChanges;
import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertListener;
import dev.watchdog.alerting.AlertTransition;
import dev.watchdog.alerting.Snoozes;
import dev.watchdog.alerting.AlertingSettings;
import dev.watchdog.config.Durations;
import dev.watchdog.db.StoreUnavailableException;
import dev.watchdog.ops.telemetry.Phase;
import dev.watchdog.ops.telemetry.Telemetry;
import dev.watchdog.slack.DeliveryBacklog;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.WriteClass;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Everything Watchdog says about alerts in Slack, on delivery workers of its own ({@link DeliveryThread}), one per
 * {@link WriteClass}: the poller never waits for Slack, an edit somebody's click waits for overtakes queued posts and
 * thread content, a message is always posted before it is edited, and edits of one message collapse into one. A
 * firing alert goes through the stages (Muter, Router, interrupted-post de-duplication, storm grouping, Poster);
 * follow-ups run as one routine ({@link FollowUps}).
 */
public final class AlertNotifier implements AlertListener, AlertChanges {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
    static final Duration REFRESH_DELAY = Duration.ofMillis(250);

    /** Told when an alert reached Slack, e.g. to start its investigation. */
    public interface AnnouncementListener {
        /**
         * @param thread where follow-ups about it go: its own message, or, when it joined an alert
         *     storm, the storm's group message
         * @param startsThread false for the second and later alerts of a storm: their thread is taken
         */
        void announced(StoredAlert alert, PostedMessage thread, boolean startsThread);
    }

    private final SlackPoster slack;
    private final AlertStore store;
    private final AlertViews views;
    private final Clock clock;
    private final DeliveryThread delivery;
    private final StormGrouping storms;
    private final Poster poster;
    private final List<Stage> stages;
    private final FollowUps followUps;
    private final Consumer<Long> redraw;
    private final Redraws redraws;
    private final ThreadOpenings openings = new ThreadOpenings();

    /**
     * @param deliveryWorkers a serial executor per class, asked once for each: what is said about alerts goes
     *                        through them, in order within a class
     * @param backlog         counts what waits on them, for {@code /watchdog status}
     */
    public AlertNotifier(Function<WriteClass, ScheduledExecutorService> deliveryWorkers, DeliveryBacklog backlog,
            SlackPoster slack, AlertStore store, AlertViews views, Snoozes snoozes, AlertingSettings settings,
            Clock clock) {
        this.delivery = new DeliveryThread(deliveryWorkers, backlog);
        this.slack = slack;
        this.store = store;
        this.views = views;
        this.clock = clock;
        Muter muter = new Muter(settings.ignore(), snoozes);
        this.storms = new StormGrouping(new StormGuard(settings.stormThreshold(), settings.stormWindow()), slack, store,
                delivery);
        this.poster = new Poster(slack.at(WriteClass.ALERT), store, views, openings);
        this.stages = TracedStage.all(clock, muter, views.router(), new InterruptedPosts(slack, store), storms, poster);
        this.followUps = new FollowUps(store, snoozes, muter, slack.at(WriteClass.ALERT), views,
                alert -> deliver(alert, this::announce), this, settings.repeatInterval(), clock);
        this.redraws = new Redraws(slack.at(WriteClass.INTERACTIVE), store, views, clock);
        this.redraw = delivery.coalescing(WriteClass.INTERACTIVE, "refresh of alert", REFRESH_DELAY,
                id -> store.byId(id).ifPresent(stored -> {
                    if (stored.inSlack()) {
                        redraws.redraw(stored);
                    } else {
                        // Its post is queued or on its way: behind it, the edit shows what the post may have missed.
                        delivery.execute(WriteClass.ALERT, "refresh of alert " + id + " after its post", () ->
                                store.byId(id).filter(StoredAlert::inSlack).ifPresent(redraws::redraw));
                    }
                }));
    }

    /**
     * Every {@code every}, starting now, while {@code leads} says this replica is the one that follows alerts up:
     * redraws messages that show less than the store holds (after a crash, first of all), then checks for ended
     * snoozes, reminders and failed posts.
     */
    public void start(Duration every, BooleanSupplier leads) {
        delivery.every(every, "follow-ups", () -> {
            if (!leads.getAsBoolean()) {
                return;
            }
            try {
                redraws.catchUp();
                followUps.run();
            } catch (StoreUnavailableException outage) {
                // Said once by the leader when the outage begins; the next round catches up.
                log.debug("follow-ups wait for the store: {}", outage.getMessage());
            }
        });
    }

    @Override
    public void onTransitions(List<AlertTransition> transitions) {
        for (AlertTransition transition : transitions) {
            AlertInstance alert = transition.alert();
            switch (transition.kind()) {
                case FIRING -> delivery.execute(WriteClass.ALERT, "announcement", () -> deliver(alert, this::announce));
                case RESOLVED -> delivery.execute(WriteClass.ALERT, "resolution", () -> deliver(alert, this::resolve));
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
        redraw.accept(id);
    }

    /** A person changed the alert (ack, snooze, …): its message is redrawn. */
    @Override
    public void changed(long alertId) {
        refresh(alertId);
    }

    public void onAnnounced(AnnouncementListener listener) {
        poster.onAnnounced(listener);
    }

    /** The first replies each new alert thread waits for, so later ones (its graph) follow them. */
    public ThreadOpenings openings() {
        return openings;
    }

    /** Posts a reply in a thread, in order with everything else of its class this notifier sends. */
    public CompletableFuture<PostedMessage> reply(WriteClass writeClass, PostedMessage thread, SlackMessage message) {
        return delivery.supply(writeClass, () -> slack.at(writeClass).post(thread.channel(), thread.ts(), message));
    }

    /** Posts a reply carrying {@code tag} (to be found after a crash), in order with everything else of its class. */
    public CompletableFuture<PostedMessage> replyTagged(WriteClass writeClass, PostedMessage thread,
            SlackMessage message, MessageTag tag) {
        return delivery.supply(writeClass, () -> slack.at(writeClass).postTaggedReply(thread.channel(), thread.ts(),
                message, tag));
    }

    /** Replaces a message, in order with everything else of its class this notifier sends. */
    public CompletableFuture<Void> edit(WriteClass writeClass, PostedMessage posted, SlackMessage message) {
        return delivery.run(writeClass, () -> slack.at(writeClass).update(posted, message));
    }

    private void announce(AlertInstance alert) {
        Optional<Announcement> announcement = store.occurrenceOf(alert)
                // already in Slack: posted before a restart, or raised by another source first
                .filter(stored -> !stored.inSlack())
                .map(stored -> Announcement.of(stored, clock.instant()));
        for (Stage stage : stages) {
            announcement = announcement.flatMap(stage::apply);
        }
    }

    private void resolve(AlertInstance alert) {
        Optional<StoredAlert> stored = store.occurrenceOf(alert);
        if (stored.isEmpty() || !stored.get().inSlack()) {
            return; // it never reached Slack, so there is nothing to resolve there
        }
        PostedMessage message = stored.get().message();
        redraws.redraw(stored.get());
        SlackMessage note = SlackMessage.text(":white_check_mark: Resolved after "
                + Durations.format(Duration.ofSeconds(alert.firingFor(alert.resolvedAt()).toSeconds())) + ".");
        // Thread content nobody waits on: new alerts queued behind this resolution do not wait for it.
        reply(WriteClass.BULK, message, note);
        storms.changed(stored.get().id());
    }

    private void deliver(AlertInstance alert, Consumer<AlertInstance> action) {
        MDC.put("alert", alert.fingerprint());
        try (Phase delivery = Telemetry.get().phase("watchdog.alert.deliver").logId("alert", alert.fingerprint())) {
            delivery.set("watchdog.rule", alert.ruleName()).set("watchdog.state", alert.state().name().toLowerCase());
            action.accept(alert);
        } catch (RuntimeException failure) {
            log.error("could not deliver alert {} to Slack: {}", alert.ruleName(), failure.getMessage(), failure);
        } finally {
            MDC.remove("alert");
        }
    }
}
