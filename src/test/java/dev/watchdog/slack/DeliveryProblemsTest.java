package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.slack.DeliveryProblems.Problem;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryProblemsTest {

    private static final Instant T0 = Instant.parse("2024-05-01T02:00:00Z");

    private final DeliveryProblems problems = new DeliveryProblems();

    @Test
    void keepsTheLatestProblemPerChannelAndMethodNewestFirst() {
        problems.record(new Problem("#alerts", "chat.postMessage", "not_in_channel", T0, "invite"));
        problems.record(new Problem("#db", "chat.postMessage", "channel_not_found", T0.plusSeconds(5), "check"));
        problems.record(new Problem("#alerts", "chat.postMessage", "is_archived", T0.plusSeconds(9), "unarchive"));

        assertThat(problems.describe()).containsExactly(
                "#alerts: chat.postMessage failed with is_archived at 2024-05-01T02:00:09Z. unarchive",
                "#db: chat.postMessage failed with channel_not_found at 2024-05-01T02:00:05Z. check");
    }

    @Test
    void aWriteClearsEveryProblemOfItsChannelAReadOnlyItsOwn() {
        problems.record(new Problem("C1", "chat.postMessage", "not_in_channel", T0, "invite"));
        problems.record(new Problem("C1", "conversations.history", "missing_scope", T0, "scope"));
        problems.record(new Problem("C2", "chat.update", "message_not_found", T0, "gone"));

        problems.clear("C1", "conversations.history");
        assertThat(problems.current()).extracting(Problem::method)
                .containsExactlyInAnyOrder("chat.postMessage", "chat.update");

        problems.clear("C1");
        assertThat(problems.current()).extracting(Problem::channel).containsExactly("C2");
        problems.clear("C2");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void hintsNameTheSettingOrCommandThatFixesIt() {
        assertThat(SlackErrorHints.hintFor(new SlackCallFailed("chat.postMessage", "not_in_channel"), "#alerts"))
                .isEqualTo("invite the bot: /invite @watchdog in #alerts");
        assertThat(SlackErrorHints.hintFor(new SlackCallFailed("chat.postMessage", "channel_not_found"), "#nope"))
                .startsWith("check slack.channel / routes");
        assertThat(SlackErrorHints.hintFor(new SlackCallFailed("chat.postMessage", "invalid_auth"), "#alerts"))
                .startsWith("check SLACK_BOT_TOKEN");
        assertThat(SlackErrorHints.hintFor(new SlackCallFailed("chat.postMessage", "token_revoked"), "#alerts"))
                .startsWith("check SLACK_BOT_TOKEN");
        assertThat(SlackErrorHints.hintFor(new SlackCallFailed("chat.update", "weird_new_code"), "#alerts"))
                .isEqualTo("see https://api.slack.com/methods/chat.update#errors for weird_new_code");
        assertThat(SlackErrorHints.hintFor(new SlackCallFailed("chat.postMessage", new IOException("reset")), "#a"))
                .startsWith("Slack kept failing (no answer: IOException)");
    }
}
