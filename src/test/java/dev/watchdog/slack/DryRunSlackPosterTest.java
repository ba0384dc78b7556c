package dev.watchdog.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DryRunSlackPosterTest {

    @Test
    void printsEachCallAsOneReadableLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DryRunSlackPoster poster = new DryRunSlackPoster(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        PostedMessage posted = poster.post("#alerts", null, SlackMessage.of("[FIRING] HighErrorRate: 6.2% of checkout"
                + " requests failed over the last 5 minutes, well above the 5% objective the team set for the"
                + " quarter\nsecond line", List.of(section(s -> s.text(markdownText("*Down*"))))));
        poster.post("#alerts", posted.ts(), SlackMessage.text(":hourglass_flowing_sand: Looking into it…"));
        poster.update(posted, SlackMessage.text("[RESOLVED] HighErrorRate"));

        assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
                "chat.postMessage #alerts: [FIRING] HighErrorRate: 6.2% of checkout requests failed over the last 5"
                        + " minutes, well above the 5% objective the team … [dry-run.1]",
                "chat.postMessage #alerts thread dry-run.1: :hourglass_flowing_sand: Looking into it… [dry-run.2]",
                "chat.update #alerts dry-run.1: [RESOLVED] HighErrorRate");
    }

    @Test
    void withJsonPrintsEachCallAsOneJsonLineWithTheBlocksSlackWouldGet() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DryRunSlackPoster poster = new DryRunSlackPoster(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        PostedMessage posted = poster.post("#alerts", null, SlackMessage.of("[FIRING] Down",
                List.of(section(s -> s.text(markdownText("*Down*"))))));
        poster.update(posted, SlackMessage.text("[RESOLVED] Down"));

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).containsExactly(
                "{\"dry_run\":\"chat.postMessage\",\"channel\":\"#alerts\",\"text\":\"[FIRING] Down\","
                        + "\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Down*\"}}],"
                        + "\"ts\":\"dry-run.1\"}",
                "{\"dry_run\":\"chat.update\",\"channel\":\"#alerts\",\"text\":\"[RESOLVED] Down\",\"blocks\":[],"
                        + "\"ts\":\"dry-run.1\"}");
    }
}
