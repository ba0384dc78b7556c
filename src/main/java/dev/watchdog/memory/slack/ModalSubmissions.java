package dev.watchdog.memory.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.view.View;
import dev.watchdog.slack.PostedMessage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the memory's buttons and modals share: who clicked where, opening a modal with the click's
 * trigger, and checking that a submission is the one we opened, unchanged, by the same person in
 * the same workspace.
 */
final class ModalSubmissions {

    private static final Logger log = LoggerFactory.getLogger(ModalSubmissions.class);
    static final String STALE = "This form is out of date or was not opened by you here: nothing was saved."
            + " Close it and click the button on the message again.";

    private final ModalMetadata metadata;

    ModalSubmissions(ModalMetadata metadata) {
        this.metadata = metadata;
    }

    /** The message a button was clicked on, or empty when the payload does not say. */
    static Optional<PostedMessage> clickedMessage(BlockActionPayload payload) {
        String channel = payload.getChannel() == null ? null : payload.getChannel().getId();
        String ts = payload.getContainer() == null ? null : payload.getContainer().getMessageTs();
        return channel == null || ts == null ? Optional.empty() : Optional.of(new PostedMessage(channel, ts));
    }

    /** Signed metadata binding a modal to its subject, the message it came from, and who opened it where. */
    String sign(long subject, PostedMessage message, BlockActionPayload payload) {
        return metadata.sign(new ModalMetadata.Fields(subject, message.channel(), message.ts(),
                payload.getUser().getId(), teamOf(payload)));
    }

    /** The metadata of a submission, when it is ours, unchanged, and sent by whoever opened the modal. */
    Optional<ModalMetadata.Fields> verified(ViewSubmissionPayload payload) {
        String submittedBy = payload.getUser() == null ? "" : payload.getUser().getId();
        String team = payload.getTeam() != null && payload.getTeam().getId() != null ? payload.getTeam().getId()
                : payload.getUser() == null || payload.getUser().getTeamId() == null ? "" : payload.getUser().getTeamId();
        Optional<ModalMetadata.Fields> fields = metadata.verify(payload.getView().getPrivateMetadata())
                .filter(read -> read.userId().equals(submittedBy) && read.teamId().equals(team));
        if (fields.isEmpty()) {
            log.warn("refused a {} submission by {}: its metadata is not one Watchdog signed for this person and"
                    + " workspace", payload.getView().getCallbackId(), submittedBy);
        }
        return fields;
    }

    static void open(ActionContext context, String triggerId, View view) {
        try {
            ViewsOpenResponse response = context.client().viewsOpen(request -> request.triggerId(triggerId).view(view));
            if (!response.isOk()) {
                log.warn("views.open failed: {}", response.getError());
                context.respond(r -> r.responseType("ephemeral").replaceOriginal(false)
                        .text("Slack would not open the form (" + response.getError() + "); click again."));
            }
        } catch (Exception failure) {
            log.warn("views.open failed: {}", failure.toString(), failure);
        }
    }

    static void tell(ActionContext context, String text) {
        try {
            context.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
        } catch (Exception failure) {
            log.warn("could not answer a click: {}", failure.toString(), failure);
        }
    }

    private static String teamOf(BlockActionPayload payload) {
        if (payload.getTeam() != null && payload.getTeam().getId() != null) {
            return payload.getTeam().getId();
        }
        return payload.getUser().getTeamId() == null ? "" : payload.getUser().getTeamId();
    }
}
