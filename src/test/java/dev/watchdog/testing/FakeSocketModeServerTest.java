package dev.watchdog.testing;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static dev.watchdog.testing.SlackTestHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives a real, bare Bolt app through the fake Slack to show the harness speaks Slack's protocol. */
class FakeSocketModeServerTest {

    private SlackTestHarness slack;
    private App app;
    /** Stands in for the worker pool a real feature uses for slow work after the ack. */
    private final ExecutorService afterAck = Executors.newSingleThreadExecutor();

    @BeforeEach
    void startFakeSlack() {
        slack = SlackTestHarness.start();
        app = slack.newApp();
    }

    @AfterEach
    void stopFakeSlack() {
        afterAck.shutdownNow();
        slack.close();
    }

    @Test
    void slashCommandIsAckedWithTheHandlersEphemeralText() {
        Queue<SlashCommandPayload> received = new ConcurrentLinkedQueue<>();
        app.command("/watchdog", (req, ctx) -> {
            received.add(req.getPayload());
            return ctx.ack("Watching 3 rules, 1 firing");
        });
        slack.startSocketMode(app);

        String envelopeId = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("status"));

        Ack ack = slack.socketMode().awaitAck(envelopeId, TIMEOUT);
        assertThat(ack.payload().path("text").asText()).isEqualTo("Watching 3 rules, 1 firing");
        assertThat(received).singleElement().satisfies(payload -> {
            assertThat(payload.getText()).isEqualTo("status");
            assertThat(payload.getUserId()).isEqualTo(FakeWorkspace.USER_ID);
            assertThat(payload.getChannelId()).isEqualTo(FakeWorkspace.CHANNEL_ID);
            assertThat(payload.getTeamId()).isEqualTo(FakeWorkspace.TEAM_ID);
            assertThat(payload.getResponseUrl()).isEqualTo(slack.api().responseUrlBase() + envelopeId);
        });
    }

    @Test
    void startingConnectsOnceThoughTwoSocketUrlsAreRequested() {
        slack.startSocketMode(app);

        assertThat(slack.api().calls("auth.test")).isNotEmpty();
        assertThat(slack.api().calls("apps.connections.open"))
                .hasSize(2)
                .allSatisfy(call -> assertThat(call.token()).isEqualTo(FakeWorkspace.APP_TOKEN));
        assertThat(slack.socketMode().connectionsOpened()).isEqualTo(1);
    }

    @Test
    void workAfterTheAckReachesResponseUrlAndChatPostMessage() {
        app.command("/watchdog", (req, ctx) -> {
            afterAck.submit(() -> {
                ctx.respond(r -> r.responseType("ephemeral").text("Looking into checkout…"));
                ctx.client().chatPostMessage(r -> r
                        .channel(req.getPayload().getChannelId())
                        .text("Diagnosis for checkout")
                        .blocks(List.of(section(s -> s
                                .blockId("diagnosis")
                                .text(markdownText("*Error rate* is 12%"))))));
                return null;
            });
            return ctx.ack();
        });
        slack.startSocketMode(app);

        String envelopeId = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("ask why is checkout failing"));

        assertThat(slack.socketMode().awaitAck(envelopeId, TIMEOUT).hasPayload()).isFalse();
        JsonNode response = slack.api().awaitResponseUrlPosts(envelopeId, 1, TIMEOUT).get(0);
        assertThat(response.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(response.path("text").asText()).isEqualTo("Looking into checkout…");
        SlackCall post = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);
        assertThat(post.token()).isEqualTo(FakeWorkspace.BOT_TOKEN);
        assertThat(post.channel()).isEqualTo(FakeWorkspace.CHANNEL_ID);
        assertThat(post.text()).isEqualTo("Diagnosis for checkout");
        assertThat(post.blocks().get(0).path("block_id").asText()).isEqualTo("diagnosis");
        assertThat(post.blocks().get(0).path("text").path("text").asText()).isEqualTo("*Error rate* is 12%");
    }

    @Test
    void buttonClickReachesTheActionHandlerAndIsAcked() {
        Queue<BlockActionPayload> clicks = new ConcurrentLinkedQueue<>();
        app.blockAction("alert_ack", (req, ctx) -> {
            clicks.add(req.getPayload());
            return ctx.ack();
        });
        slack.startSocketMode(app);

        BlockAction click = BlockAction.button("alert_ack", "a-7f3e").onMessage(FakeWorkspace.CHANNEL_ID, "1700000000.000100");
        String envelopeId = slack.socketMode().sendBlockActions(click);

        slack.socketMode().awaitAck(envelopeId, TIMEOUT);
        assertThat(clicks).singleElement().satisfies(payload -> {
            assertThat(payload.getUser().getId()).isEqualTo(FakeWorkspace.USER_ID);
            assertThat(payload.getActions().get(0).getValue()).isEqualTo("a-7f3e");
            assertThat(payload.getContainer().getMessageTs()).isEqualTo("1700000000.000100");
            assertThat(payload.getChannel().getId()).isEqualTo(FakeWorkspace.CHANNEL_ID);
            assertThat(payload.getResponseUrl()).isEqualTo(slack.api().responseUrlBase() + envelopeId);
        });
    }

    @Test
    void staticSelectChoiceReachesTheActionHandler() {
        Queue<String> chosen = new ConcurrentLinkedQueue<>();
        app.blockAction("alert_snooze", (req, ctx) -> {
            chosen.add(req.getPayload().getActions().get(0).getSelectedOption().getValue());
            return ctx.ack();
        });
        slack.startSocketMode(app);

        String envelopeId = slack.socketMode().sendBlockActions(BlockAction.staticSelect("alert_snooze", "1h"));

        slack.socketMode().awaitAck(envelopeId, TIMEOUT);
        assertThat(chosen).containsExactly("1h");
    }

    @Test
    void clickWithoutUserIdIsAckedButClickWithoutUserObjectIsNot() {
        app.blockAction("alert_ack", (req, ctx) -> ctx.ack());
        slack.startSocketMode(app);
        ObjectNode withoutUser = SlackEnvelopes.blockActions("no-user-object", BlockAction.button("alert_ack", "a-1"),
                slack.api().responseUrlBase() + "no-user-object");
        ((ObjectNode) withoutUser.get("payload")).remove("user");

        String noUserObject = slack.socketMode().sendEnvelope(withoutUser);
        String noUserId = slack.socketMode().sendBlockActions(BlockAction.button("alert_ack", "a-1").by(null, "ghost"));

        // Bolt 1.48 fails parsing a block_actions payload without "user" (NullPointerException), so never acks it.
        slack.socketMode().awaitAck(noUserId, TIMEOUT);
        assertThatThrownBy(() -> slack.socketMode().awaitAck(noUserObject, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void threadReplyReachesTheMessageEventHandler() {
        Queue<MessageEvent> messages = new ConcurrentLinkedQueue<>();
        app.event(MessageEvent.class, (payload, ctx) -> {
            messages.add(payload.getEvent());
            return ctx.ack();
        });
        slack.startSocketMode(app);

        SlackEvent reply = SlackEvent.threadReply(FakeWorkspace.CHANNEL_ID, "1700000000.000100",
                FakeWorkspace.USER_ID, "is it the deploy?");
        String envelopeId = slack.socketMode().sendEvent(reply);

        slack.socketMode().awaitAck(envelopeId, TIMEOUT);
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.getText()).isEqualTo("is it the deploy?");
            assertThat(message.getThreadTs()).isEqualTo("1700000000.000100");
            assertThat(message.getTs()).isEqualTo(reply.ts());
            assertThat(message.getUser()).isEqualTo(FakeWorkspace.USER_ID);
            assertThat(message.getChannel()).isEqualTo(FakeWorkspace.CHANNEL_ID);
        });
    }

    @Test
    void appMentionReachesTheAppMentionHandler() {
        Queue<String> mentions = new ConcurrentLinkedQueue<>();
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            mentions.add(payload.getEvent().getText());
            return ctx.ack();
        });
        slack.startSocketMode(app);

        String envelopeId = slack.socketMode().sendEvent(SlackEvent.appMention(FakeWorkspace.CHANNEL_ID,
                FakeWorkspace.USER_ID, "<@" + FakeWorkspace.BOT_USER_ID + "> what changed?"));

        slack.socketMode().awaitAck(envelopeId, TIMEOUT);
        assertThat(mentions).containsExactly("<@U0WATCHBOT> what changed?");
    }

    @Test
    void clientReconnectsAfterDisconnectFrameAndStillHandlesCommands() {
        app.command("/watchdog", (req, ctx) -> ctx.ack("still here"));
        slack.startSocketMode(app);

        slack.socketMode().sendDisconnect();
        slack.socketMode().awaitReconnected(TIMEOUT);
        String envelopeId = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("status"));

        assertThat(slack.socketMode().awaitAck(envelopeId, TIMEOUT).payload().path("text").asText())
                .isEqualTo("still here");
        assertThat(slack.socketMode().connectionsOpened()).isEqualTo(2);
        assertThat(slack.api().calls("apps.connections.open")).hasSize(3);
    }

    @Test
    void awaitAckFailsListingWhatArrivedWhenNothingAcks() {
        app.command("/watchdog", (req, ctx) -> ctx.ack("registered"));
        slack.startSocketMode(app);
        String acked = slack.socketMode().sendSlashCommand(SlashCommand.watchdog("status"));
        slack.socketMode().awaitAck(acked, TIMEOUT);

        // Bolt does not ack a command nobody registered, so Slack would show the user an error.
        String unregistered = slack.socketMode().sendSlashCommand(SlashCommand.of("/unknown", ""));

        assertThatThrownBy(() -> slack.socketMode().awaitAck(unregistered, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no ack for envelope " + unregistered)
                .hasMessageContaining("slash command /unknown")
                .hasMessageContaining(acked);
    }
}
