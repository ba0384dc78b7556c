package dev.watchdog.memory.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.alerting.notify.AlertAddOns;
import dev.watchdog.memory.RecordedCause;
import dev.watchdog.slack.SlackText;
import java.util.List;
import java.util.Optional;

/**
 * What the incident memory adds to an alert's message: the What was it? button (Edit cause once
 * one is recorded) and, when one is, the recorded cause in place.
 */
public final class CauseBlocks {

    public static final String WHAT_WAS_IT = "memory_what_was_it";
    public static final String BLOCK_ID = "memory-cause";
    static final int MAX_CHARS = 600;

    private CauseBlocks() {
    }

    public static AlertAddOns addOns(StoredAlert alert, Optional<RecordedCause> cause) {
        String id = alert.shortId();
        String label = cause.isPresent() ? "Edit cause" : "What was it?";
        List<LayoutBlock> blocks = cause.<List<LayoutBlock>>map(recorded -> List.of(section(s -> s.blockId(BLOCK_ID)
                .text(markdownText(line(recorded)))))).orElse(List.of());
        return new AlertAddOns(blocks,
                List.of(button(b -> b.actionId(WHAT_WAS_IT).text(plainText(label)).value(id))));
    }

    /** ":memo: *Cause* (Deploy): … · *Fixed by:* … · <link|link> · recorded by <@U…> <date>". */
    public static String line(RecordedCause cause) {
        StringBuilder text = new StringBuilder(":memo: *Cause* (").append(cause.category().label()).append("): ")
                .append(SlackText.escape(cause.what(), MAX_CHARS));
        if (!cause.fix().isBlank()) {
            text.append("  ·  *Fixed by:* ").append(SlackText.escape(cause.fix(), MAX_CHARS));
        }
        if (cause.link() != null) {
            text.append("  ·  <").append(cause.link().replace(">", "%3E").replace("|", "%7C")).append("|link>");
        }
        return text.append("  ·  recorded by <@").append(cause.recordedBy()).append("> ")
                .append(SlackText.date(cause.recordedAt())).toString();
    }
}
