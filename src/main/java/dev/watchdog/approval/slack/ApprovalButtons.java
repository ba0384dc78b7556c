package dev.watchdog.approval.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.watchdog.approval.ApprovalService;
import dev.watchdog.approval.DecisionOutcome;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approve and Reject on approval messages. Each click is acknowledged at once and handled after
 * the ack (a run can take up to the action's timeout); the button's value is only a proposal id,
 * and the service checks everything again. A refusal is explained to the clicker alone.
 */
public final class ApprovalButtons {

    private static final Logger log = LoggerFactory.getLogger(ApprovalButtons.class);

    private final ApprovalService service;
    private final Executor work;

    public ApprovalButtons(ApprovalService service, Executor work) {
        this.service = service;
        this.work = work;
    }

    public void register(App app) {
        app.blockAction(ApprovalMessage.APPROVE, (request, context) -> onClick(request, context, true));
        app.blockAction(ApprovalMessage.REJECT, (request, context) -> onClick(request, context, false));
    }

    private Response onClick(BlockActionRequest request, ActionContext context, boolean approve) {
        BlockActionPayload payload = request.getPayload();
        String proposalId = payload.getActions().get(0).getValue();
        String userId = payload.getUser().getId();
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        String messageTs = payload.getContainer() == null ? null : payload.getContainer().getMessageTs();
        try {
            work.execute(() -> {
                try {
                    DecisionOutcome outcome = approve
                            ? service.approve(proposalId, userId, channel, messageTs)
                            : service.reject(proposalId, userId, null, channel, messageTs);
                    if (!outcome.done()) {
                        tell(context, outcome.message());
                    }
                } catch (RuntimeException failure) {
                    log.error("handling a click on {} failed: {}", proposalId, failure.toString());
                    tell(context, "Something went wrong while handling this click (" + failure.getMessage() + ")."
                            + " Check the approval message and `/watchdog audit` before trying again.");
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.warn("click on {} ignored: Watchdog is stopping", proposalId);
        }
        return context.ack();
    }

    private static void tell(ActionContext context, String text) {
        try {
            context.respond(response -> response.responseType("ephemeral").replaceOriginal(false).text(text));
        } catch (Exception failure) {
            log.warn("could not answer a click: {}", failure.toString(), failure);
        }
    }
}
