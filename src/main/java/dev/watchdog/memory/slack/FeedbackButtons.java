package dev.watchdog.memory.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** The 👍 / 👎 buttons under a diagnosis; their value is the diagnosis' id only. */
public final class FeedbackButtons {

    public static final String HELPFUL = "memory_diagnosis_helpful";
    public static final String NOT_IT = "memory_diagnosis_not_it";
    public static final String BLOCK_ID = "diagnosis-feedback";

    private FeedbackButtons() {
    }

    public static List<LayoutBlock> blocks(long diagnosisId) {
        String id = Long.toString(diagnosisId);
        return List.of(actions(a -> a.blockId(BLOCK_ID).elements(List.of(
                button(b -> b.actionId(HELPFUL).text(plainText(":thumbsup: Right", true)).value(id)),
                button(b -> b.actionId(NOT_IT).text(plainText(":thumbsdown: Not it", true)).value(id))))));
    }
}
