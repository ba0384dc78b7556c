package dev.watchdog.memory.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import com.slack.api.model.view.Views;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.memory.CauseCategory;
import dev.watchdog.memory.CauseForm;
import dev.watchdog.memory.RecordedCause;
import dev.watchdog.slack.SlackText;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The "What was it?" form: category, what it was, what fixed it, an optional link. */
public final class CauseModal {

    public static final String CALLBACK_ID = "memory_cause";
    /** Each input block's one element has this action id; the block id names the field. */
    static final String FIELD = "value";

    private CauseModal() {
    }

    public static View of(StoredAlert alert, Optional<RecordedCause> existing, String metadata) {
        List<OptionObject> options = Arrays.stream(CauseCategory.values())
                .map(category -> option(plainText(category.label()), category.value())).toList();
        Optional<OptionObject> chosen = existing.flatMap(cause -> options.stream()
                .filter(option -> option.getValue().equals(cause.category().value())).findFirst());
        return Views.view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(metadata)
                .title(viewTitle(t -> t.type("plain_text").text("What was it?")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Save")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        context(c -> c.elements(List.of(markdownText("*" + SlackText.escape(alert.alert().ruleName())
                                + "* `#" + alert.shortId() + "`: what people record here is shown to whoever gets"
                                + " this alert next, and to the investigator.")))),
                        input(i -> i.blockId(CauseForm.CATEGORY).label(plainText("Cause"))
                                .element(staticSelect(s -> s.actionId(FIELD).placeholder(plainText("Pick one"))
                                        .options(options).initialOption(chosen.orElse(null))))),
                        input(i -> i.blockId(CauseForm.WHAT).label(plainText("What was it?"))
                                .element(plainTextInput(p -> p.actionId(FIELD).multiline(true)
                                        .maxLength(CauseForm.MAX_TEXT)
                                        .initialValue(existing.map(RecordedCause::what).orElse(null))
                                        .placeholder(plainText("connection leak in the export job"))))),
                        input(i -> i.blockId(CauseForm.FIX).label(plainText("What fixed it?")).optional(true)
                                .element(plainTextInput(p -> p.actionId(FIELD).multiline(true)
                                        .maxLength(CauseForm.MAX_TEXT)
                                        .initialValue(existing.map(RecordedCause::fix).filter(fix -> !fix.isBlank())
                                                .orElse(null))
                                        .placeholder(plainText("restart + PR #481"))))),
                        input(i -> i.blockId(CauseForm.LINK).label(plainText("Link (PR, postmortem)")).optional(true)
                                .element(plainTextInput(p -> p.actionId(FIELD)
                                        .initialValue(existing.map(RecordedCause::link).orElse(null))
                                        .placeholder(plainText("https://…"))))))));
    }

    /** The submitted text of each field, by block id; a select gives its option's value. */
    static Map<String, String> submitted(View view) {
        Map<String, String> fields = new HashMap<>();
        ViewState state = view == null ? null : view.getState();
        if (state == null || state.getValues() == null) {
            return fields;
        }
        state.getValues().forEach((blockId, actions) -> {
            ViewState.Value value = actions == null ? null : actions.get(FIELD);
            if (value != null) {
                fields.put(blockId, value.getSelectedOption() != null ? value.getSelectedOption().getValue()
                        : value.getValue());
            }
        });
        return fields;
    }
}
