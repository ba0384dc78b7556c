package dev.watchdog.memory.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.db.StoreException;
import dev.watchdog.memory.CauseForm;
import dev.watchdog.memory.EvidenceTokens;
import dev.watchdog.memory.MemoryStore;
import dev.watchdog.memory.RecordedCause;
import dev.watchdog.slack.PostedMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording what an incident was: the What was it? button opens the form for the alert whose
 * message it is on; a valid submission is saved (with its edit history) and the alert's message
 * is redrawn to show it. Stale or forged submissions are refused and change nothing.
 */
public final class CauseRecording {

    private static final Logger log = LoggerFactory.getLogger(CauseRecording.class);

    private final AlertStore alerts;
    private final MemoryStore memory;
    private final ModalSubmissions modals;
    private final Executor afterAck;
    private final LongConsumer redraw;
    private final Clock clock;

    /** @param redraw redraws an alert's message from the store (the notifier's refresh) */
    public CauseRecording(AlertStore alerts, MemoryStore memory, ModalMetadata metadata, Executor afterAck,
            LongConsumer redraw, Clock clock) {
        this.alerts = alerts;
        this.memory = memory;
        this.modals = new ModalSubmissions(metadata);
        this.afterAck = afterAck;
        this.redraw = redraw;
        this.clock = clock;
    }

    public void register(App app) {
        app.blockAction(CauseBlocks.WHAT_WAS_IT, this::onClick);
        app.viewSubmission(CauseModal.CALLBACK_ID, this::onSubmission);
    }

    private Response onClick(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        String value = payload.getActions().get(0).getValue();
        afterAck.execute(() -> {
            Optional<PostedMessage> clicked = ModalSubmissions.clickedMessage(payload);
            Optional<StoredAlert> alert = alertOfMessage(value, clicked);
            if (alert.isEmpty()) {
                ModalSubmissions.tell(context, "This button does not belong to a known alert's message: nothing was"
                        + " opened. `/watchdog alerts` lists the alerts.");
                return;
            }
            try {
                StoredAlert stored = alert.get();
                ModalSubmissions.open(context, payload.getTriggerId(), CauseModal.of(stored, memory.cause(stored.id()),
                        modals.sign(stored.id(), clicked.get(), payload)));
            } catch (StoreException failure) {
                log.warn("could not open the cause form of alert #{}: {}", value, failure.getMessage(), failure);
                ModalSubmissions.tell(context, "The store cannot be read right now, so the form cannot be opened;"
                        + " try again in a minute.");
            }
        });
        return context.ack();
    }

    private Response onSubmission(ViewSubmissionRequest request, ViewSubmissionContext context) {
        ViewSubmissionPayload payload = request.getPayload();
        Optional<ModalMetadata.Fields> fields = modals.verified(payload);
        Optional<StoredAlert> alert = fields.flatMap(read -> alertOfMessage(Long.toString(read.subject()),
                Optional.of(new PostedMessage(read.channel(), read.ts()))));
        if (alert.isEmpty()) {
            return context.ackWithErrors(Map.of(CauseForm.CATEGORY, ModalSubmissions.STALE));
        }
        CauseForm.Outcome outcome = CauseForm.check(CauseModal.submitted(payload.getView()));
        if (outcome.values().isEmpty()) {
            return context.ackWithErrors(outcome.errors());
        }
        StoredAlert stored = alert.get();
        CauseForm.Values values = outcome.values().get();
        try {
            memory.recordCause(new RecordedCause(stored.id(), stored.alert().ruleName(), stored.alert().labels(),
                    startOf(stored), values.category(), values.what(), values.fix(), values.link(),
                    evidenceOf(stored, values), payload.getUser().getId(), nameOf(payload), clock.instant()));
        } catch (StoreException failure) {
            log.warn("could not save the cause of alert #{}: {}", stored.id(), failure.getMessage(), failure);
            return context.ackWithErrors(Map.of(CauseForm.WHAT, "Watchdog could not save this right now (its store"
                    + " is unavailable); nothing was saved. Try Save again in a minute."));
        }
        redraw.accept(stored.id());
        return context.ack();
    }

    /** The alert a button or form names, if the message is that alert's own. */
    private Optional<StoredAlert> alertOfMessage(String id, Optional<PostedMessage> message) {
        if (message.isEmpty() || !id.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        try {
            return alerts.byId(Long.parseLong(id)).filter(stored -> stored.inSlack()
                    && stored.message().equals(message.get()));
        } catch (StoreException failure) {
            log.warn("could not read alert #{}: {}", id, failure.getMessage(), failure);
            return Optional.empty();
        }
    }

    private Set<String> evidenceOf(StoredAlert stored, CauseForm.Values values) {
        Set<String> tokens = new TreeSet<>(EvidenceTokens.of(List.of(values.what(), values.fix())));
        memory.latestDiagnosis(stored.id()).ifPresent(diagnosis -> tokens.addAll(diagnosis.evidence()));
        return tokens;
    }

    private static Instant startOf(StoredAlert stored) {
        return stored.alert().firedAt() != null ? stored.alert().firedAt() : stored.alert().activeAt();
    }

    static String nameOf(ViewSubmissionPayload payload) {
        var user = payload.getUser();
        for (String name : new String[] {user.getName(), user.getUsername()}) {
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return user.getId();
    }
}
