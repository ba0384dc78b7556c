package dev.watchdog.alerting.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.watchdog.alerting.AlertStorm;
import dev.watchdog.alerting.StormStore;
import dev.watchdog.alerting.notify.AlertNotifier;
import dev.watchdog.alerting.notify.StormMessage;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons on a storm's message: Full list (every alert as a file in the storm's thread) and Acknowledge all (every
 * firing alert of the storm that nobody acknowledged, in one write, then one redraw). A button's value is only the
 * storm's id: the storm is looked up again and the click must come from its own message, so a forged or stale click
 * changes nothing and gets an ephemeral reason. Clicks are acknowledged at once; the work runs after the ack.
 */
public final class StormButtons {

    private static final Logger log = LoggerFactory.getLogger(StormButtons.class);
    static final String NO_UPLOADS = "This workspace does not let Watchdog upload files (the app needs the"
            + " files:write scope), so the full list cannot be shared here. `/watchdog alerts` lists every alert,"
            + " 20 a page, worst first.";

    /** Shares a file in a thread; false when the workspace refuses uploads. */
    public interface Uploads {
        Uploads NONE = (filename, title, bytes, channelId, threadTs) -> false;

        boolean share(String filename, String title, byte[] bytes, String channelId, String threadTs)
                throws IOException;
    }

    private final StormStore storms;
    private final AlertNotifier notifier;
    private final Uploads uploads;
    private final Executor work;
    private final Clock clock;

    public StormButtons(StormStore storms, AlertNotifier notifier, Uploads uploads, Executor work, Clock clock) {
        this.storms = storms;
        this.notifier = notifier;
        this.uploads = uploads;
        this.work = work;
        this.clock = clock;
    }

    public void register(App app) {
        app.blockAction(StormMessage.FULL_LIST, (request, context) -> onStorm(request, context, this::fullList));
        app.blockAction(StormMessage.ACK_ALL, (request, context) -> onStorm(request, context, this::acknowledgeAll));
    }

    private Response onStorm(BlockActionRequest request, ActionContext context,
            BiFunction<AlertStorm, String, String> action) {
        BlockActionPayload payload = request.getPayload();
        String value = payload.getActions().get(0).getValue();
        work.execute(() -> {
            try {
                String reply = clickedStorm(payload, value)
                        .map(storm -> action.apply(storm, payload.getUser().getId()))
                        .orElse("This button does not belong to a storm message Watchdog knows: nothing was changed."
                                + " `/watchdog alerts` lists every alert.");
                if (reply != null) {
                    context.respond(response -> response.responseType("ephemeral").replaceOriginal(false).text(reply));
                }
            } catch (Exception failure) {
                log.warn("storm button failed: {}", failure.toString(), failure);
            }
        });
        return context.ack();
    }

    /** The storm the button names, if the click came from that storm's own message. */
    private Optional<AlertStorm> clickedStorm(BlockActionPayload payload, String value) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        String messageTs = payload.getContainer() == null ? null : payload.getContainer().getMessageTs();
        return storms.storm(Long.parseLong(value)).filter(storm -> storm.inSlack()
                && storm.message().channel().equals(channel) && storm.message().ts().equals(messageTs));
    }

    /** Every alert as a file in the storm's thread; null (nothing to say) once it is there. */
    private String fullList(AlertStorm storm, String userId) {
        byte[] list = StormList.tsv(storms.members(storm.id()));
        try {
            boolean shared = uploads.share("alert-storm-" + storm.id() + ".tsv", "Every alert of storm " + storm.id()
                    + " (tab-separated)", list, storm.message().channel(), storm.message().ts());
            return shared ? null : NO_UPLOADS;
        } catch (IOException failure) {
            log.warn("could not upload the list of storm {}: {}", storm.id(), failure.getMessage(), failure);
            return "Slack did not take the list (" + failure.getMessage() + "). `/watchdog alerts` lists every alert,"
                    + " 20 a page, worst first.";
        }
    }

    private String acknowledgeAll(AlertStorm storm, String userId) {
        int acknowledged = storms.acknowledgeFiring(storm.id(), userId, clock.instant());
        if (acknowledged == 0) {
            return "Every firing alert of this storm is acknowledged already: nothing was changed.";
        }
        notifier.refreshStorm(storm.id());
        log.info("{} acknowledged the {} firing alert(s) of storm {}", userId, acknowledged, storm.id());
        return ":white_check_mark: Acknowledged " + acknowledged + " firing alert(s) of this storm."
                + " `/watchdog unack <id>` takes one back.";
    }
}
