package dev.watchdog.agent.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.SlashCommand;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /watchdog ask} in a channel Watchdog cannot post in says so, instead of promising an answer. */
class AskFailureEndToEndTest {

    @Test
    void whenTheQuestionCannotBePostedThePersonIsToldWhy(@TempDir Path dir) throws Exception {
        try (FakePrometheus prometheus = new FakePrometheus();
                SlackTestHarness slack = SlackTestHarness.start();
                RunningWatchdog watchdog = RunningWatchdog.start(slack, prometheus.url(), "", "", dir,
                        new MutableClock(Instant.parse("2026-11-22T02:00:00Z")))) {
            slack.socketMode().awaitConnected(SlackTestHarness.TIMEOUT);
            slack.api().respondTo("chat.postMessage", "{\"ok\":false,\"error\":\"not_in_channel\"}");

            String envelope = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("ask why is checkout slow?")
                    .in("C0PRIVATE1"));
            slack.socketMode().awaitAck(envelope, SlackTestHarness.TIMEOUT);
            JsonNode told = slack.api().awaitResponseUrlPosts(envelope, 1, SlackTestHarness.TIMEOUT).get(0);

            assertThat(told.path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(told.path("text").asText()).isEqualTo(":warning: Your question could not be posted here, so"
                    + " no answer will come (not_in_channel): invite the bot: /invite @watchdog in this channel.");
        }
    }
}
