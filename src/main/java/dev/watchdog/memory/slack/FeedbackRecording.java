package dev.watchdog.memory.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import com.slack.api.model.view.Views;
import dev.watchdog.db.StoreException;
import dev.watchdog.memory.CauseForm;
import dev.watchdog.memory.Diagnosis;
import dev.watchdog.memory.Feedback;
import dev.watchdog.memory.MemoryStore;
import dev.watchdog.slack.PostedMessage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 👍 / 👎 on a diagnosis. A vote counts only from the diagnosis' own message; 👎 is stored at once
 * and opens a form for "the actual cause was…", whose submission is checked like every modal's.
 */
public final class FeedbackRecording {

    private static final Logger log = LoggerFactory.getLogger(FeedbackRecording.class);
    public static final String CALLBACK_ID = "memory_actual_cause";
    public static final String ACTUAL_CAUSE = "actual_cause";

    private final MemoryStore memory;
    private final ModalSubmissions modals;
    private final Executor afterAck;
    private final Clock clock;

    public FeedbackRecording(MemoryStore memory, ModalMetadata metadata, Executor afterAck, Clock clock) {
        this.memory = memory;
        this.modals = new ModalSubmissions(metadata);
        this.afterAck = afterAck;
        this.clock = clock;
    }

    public void register(App app) {
        app.blockAction(FeedbackButtons.HELPFUL, (request, context) -> onVote(request, context, true));
        app.blockAction(FeedbackButtons.NOT_IT, (request, context) -> onVote(request, context, false));
        app.viewSubmission(CALLBACK_ID, this::onActualCause);
    }

    private Response onVote(BlockActionRequest request, ActionContext context, boolean helpful) {
        BlockActionPayload payload = request.getPayload();
        String value = payload.getActions().get(0).getValue();
        afterAck.execute(() -> {
            Optional<PostedMessage> clicked = ModalSubmissions.clickedMessage(payload);
            Optional<Diagnosis> diagnosis = diagnosisOfMessage(value, clicked);
            if (diagnosis.isEmpty()) {
                ModalSubmissions.tell(context, "This button does not belong to a known diagnosis: nothing was recorded.");
                return;
            }
            try {
                memory.recordFeedback(new Feedback(diagnosis.get().id(), payload.getUser().getId(), helpful, null,
                        clock.instant()));
            } catch (StoreException failure) {
                log.warn("could not record feedback on diagnosis {}: {}", value, failure.getMessage(), failure);
                ModalSubmissions.tell(context, "Watchdog could not record that right now; try again in a minute.");
                return;
            }
            if (helpful) {
                ModalSubmissions.tell(context, ":thumbsup: Thanks: noted that this diagnosis was right.");
            } else {
                ModalSubmissions.open(context, payload.getTriggerId(),
                        actualCauseView(modals.sign(diagnosis.get().id(), clicked.get(), payload)));
            }
        });
        return context.ack();
    }

    private Response onActualCause(ViewSubmissionRequest request, ViewSubmissionContext context) {
        ViewSubmissionPayload payload = request.getPayload();
        Optional<Diagnosis> diagnosis = modals.verified(payload).flatMap(fields -> diagnosisOfMessage(
                Long.toString(fields.subject()), Optional.of(new PostedMessage(fields.channel(), fields.ts()))));
        if (diagnosis.isEmpty()) {
            return context.ackWithErrors(Map.of(ACTUAL_CAUSE, ModalSubmissions.STALE));
        }
        String actual = CauseModal.submitted(payload.getView()).getOrDefault(ACTUAL_CAUSE, "");
        actual = actual == null ? "" : actual.strip();
        if (actual.isEmpty()) {
            return context.ackWithErrors(Map.of(ACTUAL_CAUSE, "Say what the cause really was, in a few words."));
        }
        if (actual.length() > CauseForm.MAX_TEXT) {
            return context.ackWithErrors(Map.of(ACTUAL_CAUSE, "Keep it under " + CauseForm.MAX_TEXT
                    + " characters (this is " + actual.length() + ")."));
        }
        try {
            memory.recordFeedback(new Feedback(diagnosis.get().id(), payload.getUser().getId(), false, actual,
                    clock.instant()));
        } catch (StoreException failure) {
            log.warn("could not record the actual cause for diagnosis {}: {}", diagnosis.get().id(),
                    failure.getMessage(), failure);
            return context.ackWithErrors(Map.of(ACTUAL_CAUSE, "Watchdog could not save this right now; nothing was"
                    + " saved. Try again in a minute."));
        }
        return context.ack();
    }

    private Optional<Diagnosis> diagnosisOfMessage(String id, Optional<PostedMessage> message) {
        if (message.isEmpty() || !id.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        try {
            return memory.diagnosis(Long.parseLong(id)).filter(found -> found.message().equals(message.get()));
        } catch (StoreException failure) {
            log.warn("could not read diagnosis {}: {}", id, failure.getMessage(), failure);
            return Optional.empty();
        }
    }

    static View actualCauseView(String metadata) {
        return Views.view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(metadata)
                .title(viewTitle(t -> t.type("plain_text").text("Not it")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Save")))
                .close(viewClose(c -> c.type("plain_text").text("Skip")))
                .blocks(List.of(input(i -> i.blockId(ACTUAL_CAUSE).label(plainText("The actual cause was…"))
                        .element(plainTextInput(p -> p.actionId(CauseModal.FIELD).multiline(true)
                                .maxLength(CauseForm.MAX_TEXT)))))));
    }
}
