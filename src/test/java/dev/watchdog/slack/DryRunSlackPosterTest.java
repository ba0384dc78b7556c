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
    void printsEachCallAsOneJsonLineWithTheBlocksSlackWouldGet() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DryRunSlackPoster poster = new DryRunSlackPoster(new PrintStream(bytes, true, StandardCharsets.UTF_8));

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
