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
import dev.watchdog.alerting.StormStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Collectors;
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
         * @param thread where follow-ups about it go: its own message, or, for the first alert of a storm, the
         *     storm's message (the storm's later alerts are not told at all: the storm has one thread)
         */
        void announced(StoredAlert alert, PostedMessage thread);
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
    private final Duration repeatInterval;
    /** Fingerprints of firing alerts handed to the delivery workers and not yet delivered. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    /**
     * @param deliveryWorkers a serial executor per class, asked once for each: what is said about alerts goes
     *                        through them, in order within a class
     * @param backlog         counts what waits on them, for {@code /watchdog status}
     */
    public AlertNotifier(Function<WriteClass, ScheduledExecutorService> deliveryWorkers, DeliveryBacklog backlog,
            SlackPoster slack, AlertStore store, StormStore stormStore, AlertViews views, Snoozes snoozes,
            AlertingSettings settings, Clock clock) {
        this.delivery = new DeliveryThread(deliveryWorkers, backlog);
        this.slack = slack;
        this.store = store;
        this.views = views;
        this.clock = clock;
        Muter muter = new Muter(settings.ignore(), snoozes);
        this.poster = new Poster(slack.at(WriteClass.ALERT), store, views, openings);
        StormDrawings stormDrawings = new StormDrawings(slack, stormStore, store);
        this.storms = new StormGrouping(new StormGuard(settings.stormThreshold(), settings.stormWindow()), stormStore,
                stormDrawings, slack.at(WriteClass.ALERT), delivery, poster::announced);
        this.repeatInterval = settings.repeatInterval();
        this.stages = TracedStage.all(clock, muter, views.router(), new InterruptedPosts(slack, store), storms, poster);
        this.followUps = new FollowUps(store, snoozes, muter, slack.at(WriteClass.ALERT), views,
                alerts -> deliverBatch(alerts.stream()
                        .map(alert -> new AlertTransition(AlertTransition.Kind.FIRING, alert)).toList()),
                alert -> queued.contains(alert.fingerprint()), this, settings.repeatInterval(), clock);
        this.redraws = new Redraws(slack.at(WriteClass.INTERACTIVE), store, views, clock, stormDrawings);
        this.redraw = delivery.coalescing(WriteClass.INTERACTIVE, "refresh of alert", REFRESH_DELAY,
                id -> store.byId(id).ifPresent(stored -> {
                    if (stored.inStorm()) {
                        storms.changed(stored.stormId());
                    } else if (stored.inSlack()) {
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
            if (leads.getAsBoolean()) {
                followUp();
            }
        });
    }

    /** One round of follow-ups, on the delivery thread. */
    void followUp() {
        try {
            redraws.catchUp();
            storms.followUp(clock.instant(), repeatInterval);
            followUps.run();
        } catch (StoreUnavailableException outage) {
            // Said once by the leader when the outage begins; the next round catches up.
            log.debug("follow-ups wait for the store: {}", outage.getMessage());
        }
    }

    /** Runs a round of follow-ups on the delivery thread, in order with everything queued before it. */
    CompletableFuture<Void> followUpNow() {
        return delivery.run(WriteClass.ALERT, this::followUp);
    }

    /**
     * Delivers a batch (one poll, one webhook) as one task, so the alerts of a storm among them join it in one write
     * and cost one redraw of its message.
     */
    @Override
    public void onTransitions(List<AlertTransition> transitions) {
        List<AlertTransition> news = transitions.stream()
                // pending and cancelled alerts are not news to anyone in Slack
                .filter(t -> t.kind() == AlertTransition.Kind.FIRING || t.kind() == AlertTransition.Kind.RESOLVED)
                .toList();
        if (news.isEmpty()) {
            return;
        }
        List<String> firing = news.stream().filter(t -> t.kind() == AlertTransition.Kind.FIRING)
                .map(t -> t.alert().fingerprint()).toList();
        queued.addAll(firing);
        delivery.execute(WriteClass.ALERT, news.size() == 1 ? "alert" : news.size() + " alerts", () -> {
            try {
                deliverBatch(news);
            } finally {
                firing.forEach(queued::remove);
            }
        });
    }

    /** On the delivery thread: a batch of firing and resolved alerts, a storm's among them joining it together. */
    private void deliverBatch(List<AlertTransition> news) {
        storms.expect(news.stream().filter(t -> t.kind() == AlertTransition.Kind.FIRING)
                .collect(Collectors.groupingBy(t -> views.router().destination(t.alert()).channel(),
                        Collectors.counting())), clock.instant());
        for (AlertTransition transition : news) {
            deliver(transition.alert(),
                    transition.kind() == AlertTransition.Kind.FIRING ? this::announce : this::resolve);
        }
        storms.flush();
    }

    /** Redraws the storm's message soon, e.g. after its alerts were acknowledged at once. */
    public void refreshStorm(long stormId) {
        storms.changed(stormId);
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
                // already in Slack: posted before a restart, raised by another source first, or shown by its storm
                .filter(stored -> !stored.inSlack() && !stored.inStorm())
                .map(stored -> Announcement.of(stored, clock.instant()));
        for (Stage stage : stages) {
            announcement = announcement.flatMap(stage::apply);
        }
    }

    private void resolve(AlertInstance alert) {
        Optional<StoredAlert> stored = store.occurrenceOf(alert);
        if (stored.isPresent() && stored.get().inStorm()) {
            storms.changed(stored.get().stormId()); // only the storm's counts change: no reply per alert
            return;
        }
        if (stored.isEmpty() || !stored.get().inSlack()) {
            return; // it never reached Slack, so there is nothing to resolve there
        }
        PostedMessage message = stored.get().message();
        redraws.redraw(stored.get());
        SlackMessage note = SlackMessage.text(":white_check_mark: Resolved after "
                + Durations.format(Duration.ofSeconds(alert.firingFor(alert.resolvedAt()).toSeconds())) + ".");
        // Thread content nobody waits on: new alerts queued behind this resolution do not wait for it.
        reply(WriteClass.BULK, message, note);
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
