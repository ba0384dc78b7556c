package dev.watchdog.alerting.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.watchdog.alerting.AlertActions;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.alerting.notify.AlertMessage;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons on alert messages. Each click is acknowledged at once; the work runs after the ack.
 * A button's value is only an alert id: the alert is looked up again and the click must come from
 * that alert's own message, so a forged or stale click changes nothing and gets an ephemeral reason.
 */
public final class AlertButtons {

    private static final Logger log = LoggerFactory.getLogger(AlertButtons.class);

    /** What the Investigate button does; the investigator replaces the default. */
    public interface Investigation {
        String start(StoredAlert alert, String userId);
    }

    private final AlertActions actions;
    private final Executor work;
    private final Investigation investigation;

    public AlertButtons(AlertActions actions, Executor work, Investigation investigation) {
        this.actions = actions;
        this.work = work;
        this.investigation = investigation;
    }

    public void register(App app) {
        app.blockAction(AlertMessage.ACK, (request, context) -> onAlert(request, context,
                (alert, user) -> actions.acknowledge(alert.shortId(), user)));
        app.blockAction(AlertMessage.UNACK, (request, context) -> onAlert(request, context,
                (alert, user) -> actions.unacknowledge(alert.shortId(), user)));
        app.blockAction(AlertMessage.UNSNOOZE, (request, context) -> onAlert(request, context,
                (alert, user) -> actions.unsnooze(alert.shortId(), user)));
        app.blockAction(AlertMessage.SNOOZE, this::onSnooze);
        app.blockAction(AlertMessage.INVESTIGATE, (request, context) -> onAlert(request, context,
                (alert, user) -> new AlertActions.Outcome(false, investigation.start(alert, user))));
        // Link buttons open in the browser; Slack still sends the click, which must be acknowledged.
        app.blockAction(AlertMessage.RUNBOOK, (request, context) -> context.ack());
        app.blockAction(AlertMessage.GRAPH, (request, context) -> context.ack());
    }

    private interface AlertAction {
        AlertActions.Outcome apply(StoredAlert alert, String userId);
    }

    private Response onAlert(BlockActionRequest request, ActionContext context, AlertAction action) {
        BlockActionPayload payload = request.getPayload();
        String value = payload.getActions().get(0).getValue();
        later(context, () -> clickedAlert(payload, value)
                .map(alert -> action.apply(alert, payload.getUser().getId()))
                .orElseGet(() -> refusal(value)));
        return context.ack();
    }

    private Response onSnooze(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        var selected = payload.getActions().get(0).getSelectedOption();
        String value = selected == null ? "" : selected.getValue();
        int colon = value.indexOf(':');
        String id = colon < 0 ? value : value.substring(0, colon);
        String duration = colon < 0 ? "" : value.substring(colon + 1);
        later(context, () -> clickedAlert(payload, id)
                .map(alert -> actions.snooze(alert.shortId(), duration, payload.getUser().getId(), true))
                .orElseGet(() -> refusal(id)));
        return context.ack();
    }

    /** The alert the button names, if the click came from that alert's own message. */
    private Optional<StoredAlert> clickedAlert(BlockActionPayload payload, String id) {
        Optional<StoredAlert> alert = actions.find(id);
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        String messageTs = payload.getContainer() == null ? null : payload.getContainer().getMessageTs();
        return alert.filter(stored -> stored.inSlack()
                && stored.message().channel().equals(channel)
                && stored.message().ts().equals(messageTs));
    }

    private AlertActions.Outcome refusal(String id) {
        return new AlertActions.Outcome(false, actions.find(id).isPresent()
                ? "That button does not belong to alert `#" + id.replaceAll("[^0-9]", "") + "`: nothing was changed."
                : "This button does not name a known alert: nothing was changed. `/watchdog alerts` lists them.");
    }

    private void later(ActionContext context, java.util.function.Supplier<AlertActions.Outcome> task) {
        work.execute(() -> {
            try {
                AlertActions.Outcome outcome = task.get();
                if (!outcome.changed()) {
                    context.respond(response -> response.responseType("ephemeral").replaceOriginal(false)
                            .text(outcome.message()));
                }
            } catch (Exception failure) {
                log.warn("button action failed: {}", failure.toString(), failure);
            }
        });
    }
}
