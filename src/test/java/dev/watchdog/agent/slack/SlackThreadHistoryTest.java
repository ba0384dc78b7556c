package dev.watchdog.agent.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import dev.watchdog.agent.ThreadMessage;
import dev.watchdog.testing.FakeSlackApi;
import dev.watchdog.testing.SlackTestHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackThreadHistoryTest {

    private final FakeSlackApi api = FakeSlackApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    private SlackThreadHistory history() {
        return new SlackThreadHistory(Slack.getInstance(SlackTestHarness.slackConfigFor(api)).methods("xoxb-test"));
    }

    @Test
    void readsTheThreadBackFromConversationsReplies() {
        api.respondTo("conversations.replies", """
                {"ok": true, "has_more": false, "messages": [
                  {"type": "message", "user": "U0ONCALL01", "text": "why is checkout failing?", "ts": "1795312800.000100",
                   "thread_ts": "1795312800.000100"},
                  {"type": "message", "bot_id": "B0WATCHBOT", "text": "Looking into it", "ts": "1795312801.000200",
                   "thread_ts": "1795312800.000100"}]}""");

        List<ThreadMessage> messages = history().replies("C0ALERTS01", "1795312800.000100");

        assertThat(messages).extracting(ThreadMessage::author, ThreadMessage::bot, ThreadMessage::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("U0ONCALL01", false, "why is checkout failing?"),
                        org.assertj.core.groups.Tuple.tuple("bot", true, "Looking into it"));
        assertThat(api.calls("conversations.replies").get(0).param("ts")).isEqualTo("1795312800.000100");
    }

    @Test
    void anUnreadableThreadIsEmptyNotAnError() {
        api.respondTo("conversations.replies", "{\"ok\": false, \"error\": \"thread_not_found\"}");

        assertThat(history().replies("C0ALERTS01", "1.0")).isEmpty();
    }
}
