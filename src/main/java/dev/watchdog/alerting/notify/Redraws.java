package dev.watchdog.alerting.notify;

import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.slack.SlackCallFailed;
import dev.watchdog.slack.SlackPoster;
import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Draws an alert's message from the store and notes which version Slack now shows, so that a change whose edit never
 * reached Slack (a crash between the store and Slack, a lost coalesced edit) is found by {@link #catchUp} and drawn
 * again: on start and on every follow-up round, Slack is brought up to the store.
 */
final class Redraws {

    private static final Logger log = LoggerFactory.getLogger(Redraws.class);

    private final SlackPoster slack;
    private final AlertStore store;
    private final AlertViews views;
    private final Clock clock;
    /** One turn per stripe of alert ids: enough that edits of different alerts seldom wait for each other. */
    private final Object[] turns = new Object[64];
    /** Alert id -> version of what lagged in the last round; null before the first. Rounds run on one thread. */
    private Map<Long, Long> laggingBefore;

    Redraws(SlackPoster slack, AlertStore store, AlertViews views, Clock clock) {
        this.slack = slack;
        this.store = store;
        this.views = views;
        this.clock = clock;
        Arrays.setAll(turns, stripe -> new Object());
    }

    /**
     * Replaces the message with what the store holds now (at least what {@code stored} says); Slack then shows at
     * least its version. Edits of one alert come from two delivery workers (a click's refresh, the poller's
     * resolution): they take turns, and each draws what the store holds when its turn comes, so an older state
     * never lands last.
     */
    void redraw(StoredAlert stored) {
        synchronized (turns[Math.floorMod(Long.hashCode(stored.id()), turns.length)]) {
            StoredAlert newest = store.byId(stored.id()).filter(StoredAlert::inSlack).orElse(stored);
            slack.update(newest.message(), AlertMessage.render(views.of(newest), clock.instant()));
            store.confirmRendered(newest.id(), newest.renderVersion());
        }
    }

    /**
     * Redraws every message that shows less than the store holds; returns how many. On the first round (the start)
     * every lagging message is redrawn: its edit died with the process before. Later, a message is redrawn only if
     * it lagged at the same version in the round before: a change just written may have its edit on the way, and
     * drawing it here too would edit the message twice.
     */
    int catchUp() {
        List<StoredAlert> lagging = store.lagging();
        Map<Long, Long> before = laggingBefore;
        laggingBefore = lagging.stream().collect(Collectors.toMap(StoredAlert::id, StoredAlert::renderVersion));
        int redrawn = 0;
        for (StoredAlert stored : lagging) {
            if (before != null && !Long.valueOf(stored.renderVersion()).equals(before.get(stored.id()))) {
                continue;
            }
            redrawn += redrawLagging(stored);
        }
        if (redrawn > 0) {
            log.info("brought {} alert message(s) up to date with the store", redrawn);
        }
        return redrawn;
    }

    private int redrawLagging(StoredAlert lagging) {
        MDC.put("alert", lagging.fingerprint());
        try {
            redraw(lagging);
            return 1;
        } catch (SlackCallFailed refused) {
            // Only a permanent refusal gets here (passing troubles are retried until they pass): a deleted
            // message, say. Nothing can show it, so it stops lagging rather than being tried every round.
            log.warn("alert {} #{}: its message cannot be brought up to date: {}", lagging.alert().ruleName(),
                    lagging.id(), refused.getMessage(), refused);
            store.confirmRendered(lagging.id(), lagging.renderVersion());
            return 0;
        } finally {
            MDC.remove("alert");
        }
    }
}
