package dev.watchdog.testing;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static dev.watchdog.testing.SlackTestHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls the fake Web API with the real Slack SDK client, so the decoding matches what the SDK really sends. */
class FakeSlackApiTest {

    private FakeSlackApi api;
    private Slack slack;
    private MethodsClient methods;

    @BeforeEach
    void start() {
        api = FakeSlackApi.start();
        slack = Slack.getInstance(SlackTestHarness.slackConfigFor(api));
        methods = slack.methods(FakeWorkspace.BOT_TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        api.close();
    }

    @Test
    void postMessageGetsAFreshTsEachCallAndEchoesTheChannel() throws Exception {
        ChatPostMessageResponse first = methods.chatPostMessage(r -> r.channel("C0ALERTS01").text("one"));
        ChatPostMessageResponse second = methods.chatPostMessage(r -> r.channel("C0OTHER001").text("two"));

        assertThat(first.isOk()).isTrue();
        assertThat(first.getChannel()).isEqualTo("C0ALERTS01");
        assertThat(second.getChannel()).isEqualTo("C0OTHER001");
        assertThat(first.getTs()).isNotEqualTo(second.getTs());
        assertThat(api.calls("chat.postMessage")).extracting(SlackCall::postedTs)
                .containsExactly(first.getTs(), second.getTs());
        assertThat(first.getMessage().getText()).isEqualTo("one");
        assertThat(first.getMessage().getBotId()).isEqualTo(FakeWorkspace.BOT_ID);
    }

    @Test
    void recordsFormFieldsTokenAndParsedBlocksInCallOrder() throws Exception {
        methods.chatPostMessage(r -> r.channel("C0ALERTS01").threadTs("1700000001.000100").text("fallback & more")
                .blocks(List.of(actions(a -> a.blockId("alert_actions").elements(List.of(
                        button(b -> b.actionId("alert_ack").value("a-1").text(plainText("Ack")))))))));
        methods.chatUpdate(r -> r.channel("C0ALERTS01").ts("1700000001.000100").text("resolved"));

        SlackCall post = api.awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);
        assertThat(post.token()).isEqualTo(FakeWorkspace.BOT_TOKEN);
        assertThat(post.text()).isEqualTo("fallback & more");
        assertThat(post.threadTs()).isEqualTo("1700000001.000100");
        assertThat(post.blocks().get(0).path("elements").get(0).path("value").asText()).isEqualTo("a-1");
        assertThat(post.attachments().isMissingNode()).isTrue();
        assertThat(api.allCalls()).extracting(SlackCall::method).containsExactly("chat.postMessage", "chat.update");
        assertThat(api.calls("chat.update").get(0).param("ts")).isEqualTo("1700000001.000100");
    }

    @Test
    void overriddenAnswerReplacesTheDefault() throws Exception {
        api.respondTo("chat.postMessage", FakeSlackApi.slackError("channel_not_found"));

        ChatPostMessageResponse response = methods.chatPostMessage(r -> r.channel("C0GONE0001").text("x"));

        assertThat(response.isOk()).isFalse();
        assertThat(response.getError()).isEqualTo("channel_not_found");
    }

    @Test
    void oneOffAnswersServeInOrderThenTheDefaultReturns() throws Exception {
        api.respondOnceTo("chat.postMessage", FakeSlackApi.rateLimited(3));
        api.respondOnceTo("chat.postMessage", FakeSlackApi.slackError("fatal_error"));

        assertThatThrownBy(() -> methods.chatPostMessage(r -> r.channel("C0ALERTS01").text("x")))
                .isInstanceOfSatisfying(SlackApiException.class, e -> {
                    assertThat(e.getResponse().code()).isEqualTo(429);
                    assertThat(e.getResponse().header("Retry-After")).isEqualTo("3");
                });
        assertThat(methods.chatPostMessage(r -> r.channel("C0ALERTS01").text("x")).getError()).isEqualTo("fatal_error");
        assertThat(methods.chatPostMessage(r -> r.channel("C0ALERTS01").text("x")).isOk()).isTrue();
    }

    @Test
    void methodsNobodyStubbedAnswerUnknownMethod() throws Exception {
        assertThat(methods.reactionsAdd(r -> r.channel("C0ALERTS01").timestamp("1.2").name("eyes")).getError())
                .isEqualTo("unknown_method");
    }

    @Test
    void awaitCallsFailsListingTheCallsThatDidHappen() throws Exception {
        methods.chatUpdate(r -> r.channel("C0ALERTS01").ts("1700000001.000100").text("resolved"));

        assertThatThrownBy(() -> api.awaitCalls("chat.postMessage", 1, Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected at least 1 chat.postMessage call(s), got 0")
                .hasMessageContaining("chat.update{")
                .hasMessageContaining("text=resolved");
    }
}
