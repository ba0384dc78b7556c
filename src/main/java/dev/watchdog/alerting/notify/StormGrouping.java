package dev.watchdog.alerting.notify;

import dev.watchdog.slack.SlackPoster;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storm grouping stage: during an alert storm in a channel (see {@link StormGuard}) each new
 * alert goes into the thread of one group message, which is posted with the storm's first alert
 * and redrawn as more join or resolve.
 */
final class StormGrouping implements Stage {

    private static final Logger log = LoggerFactory.getLogger(StormGrouping.class);

    private final StormGuard guard;
    private final SlackPoster slack;
    private final AlertStore store;
    private final Consumer<String> redraw;

    StormGrouping(StormGuard guard, SlackPoster slack, AlertStore store, DeliveryThread delivery) {
        this.guard = guard;
        this.slack = slack;
        this.store = store;
        this.redraw = delivery.coalescing("storm update", Duration.ZERO, this::redrawNow);
    }

    @Override
    public Optional<Announcement> apply(Announcement announcement) {
        String channel = announcement.channel();
        Optional<StormGuard.Storm> found = guard.admit(channel, announcement.id(), announcement.at());
        if (found.isEmpty()) {
            return Optional.of(announcement);
        }
        StormGuard.Storm storm = found.get();
        boolean startsThread = storm.groupMessage == null;
        if (startsThread) {
            storm.groupMessage = slack.post(channel, null, StormMessage.render(alerts(storm), storm.startedAt));
            log.warn("alert storm in {}: grouping new alerts into one message", channel);
        } else {
            redraw.accept(channel);
        }
        return Optional.of(announcement.joining(new Announcement.StormThread(storm.groupMessage, startsThread)));
    }

    /** Redraws the group message of every storm the alert joined, e.g. when it resolved. */
    void changed(long alertId) {
        guard.storms().forEach((channel, storm) -> {
            if (storm.alertIds.contains(alertId)) {
                redraw.accept(channel);
            }
        });
    }

    private void redrawNow(String channel) {
        guard.current(channel).filter(storm -> storm.groupMessage != null).ifPresent(storm ->
                slack.update(storm.groupMessage, StormMessage.render(alerts(storm), storm.startedAt)));
    }

    private List<StoredAlert> alerts(StormGuard.Storm storm) {
        return storm.alertIds.stream().map(store::byId).flatMap(Optional::stream).toList();
    }
}
