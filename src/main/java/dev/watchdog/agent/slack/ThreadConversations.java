package dev.watchdog.agent.slack;

import dev.watchdog.ops.telemetry.Phase;
import dev.watchdog.ops.telemetry.Telemetry;
import dev.watchdog.db.Claims;
import com.slack.api.bolt.App;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageBotEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEvent;
import dev.watchdog.agent.AlertContext;
import dev.watchdog.agent.AnswerResult;
import dev.watchdog.agent.ConversationStore;
import dev.watchdog.agent.CostLine;
import dev.watchdog.agent.Investigator;
import dev.watchdog.agent.ThreadKey;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.alerting.notify.AlertView;
import dev.watchdog.alerting.notify.AlertViews;
import dev.watchdog.slack.CommandInput;
import dev.watchdog.slack.CommandReply;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.Placeholders;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackCallFailed;
import dev.watchdog.slack.SlackErrorHints;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.WriteClass;
import dev.watchdog.slack.SlackText;
import dev.watchdog.slack.SubCommand;
import dev.watchdog.slack.SubCommands;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Conversations with the agent in Slack threads: replies in an alert's thread (or in a thread
 * the agent already talks in), mentions of the bot anywhere, and {@code /watchdog ask}. Each
 * question gets a placeholder reply that is edited into the answer; a thread handles one
 * question at a time and queues the rest. Bots (Watchdog included), edits and deletions are
 * ignored.
 */
public final class ThreadConversations {

    private static final Logger log = LoggerFactory.getLogger(ThreadConversations.class);

    private final Investigator investigator;
    private final SlackPoster poster;
    private final AlertStore alerts;
    private final ConversationStore conversations;
    private final AlertViews views;
    private final CostLine costLine;
    private final Claims claims;
    private final ExecutorService pool;
    private final Placeholders placeholders;
    private final Map<String, CompletableFuture<Void>> threads = new ConcurrentHashMap<>();

    public ThreadConversations(Investigator investigator, SlackPoster poster, AlertStore alerts,
            ConversationStore conversations, AlertViews views, CostLine costLine, Claims claims, ExecutorService pool,
            Placeholders placeholders) {
        this.placeholders = placeholders;
        this.investigator = investigator;
        this.poster = poster.at(WriteClass.INTERACTIVE); // every write here answers somebody
        this.alerts = alerts;
        this.conversations = conversations;
        this.views = views;
        this.costLine = costLine;
        this.claims = claims;
        this.pool = pool;
    }

    public void register(App app) {
        app.event(MessageEvent.class, (payload, context) -> {
            onMessage(payload.getEvent(), context.getBotUserId());
            return context.ack();
        });
        app.event(AppMentionEvent.class, (payload, context) -> {
            onMention(payload.getEvent(), context.getBotUserId());
            return context.ack();
        });
        // Subscribed to with the message events; acknowledged so Slack does not retry them, and ignored.
        app.event(MessageChangedEvent.class, (payload, context) -> context.ack());
        app.event(MessageDeletedEvent.class, (payload, context) -> context.ack());
        app.event(MessageBotEvent.class, (payload, context) -> context.ack());
    }

    /** {@code /watchdog ask <question>}: the question goes in the channel, the answer in its thread. */
    public SubCommand askCommand() {
        return SubCommands.of("ask", "ask <question>", "ask the on-call analyst; the answer comes in a thread",
                input -> {
                    String question = String.join(" ", input.arguments()).strip();
                    if (question.isEmpty()) {
                        return CommandReply.ephemeral("Usage: `/watchdog ask <question>`, e.g. `/watchdog ask why is"
                                + " checkout slow?`");
                    }
                    pool.execute(() -> startThread(input.channelId(), input.userId(), question, input.later()));
                    return CommandReply.ephemeral("Asked in this channel; the answer comes in the thread.");
                });
    }

    private void startThread(String channel, String user, String question, CommandInput.FollowUp later) {
        try {
            PostedMessage asked = poster.post(channel, null, askedInChannel(user, question));
            ask(asked.channel(), asked.ts(), question, user, Optional.empty());
        } catch (RuntimeException failure) {
            log.warn("could not start a thread for /watchdog ask in {}: {}", channel, failure.toString(), failure);
            later.tell(":warning: Your question could not be posted here, so no answer will come"
                    + (failure instanceof SlackCallFailed slack ? " (" + slack.error() + "): "
                            + SlackErrorHints.hintFor(slack, "this channel") : "") + ".");
        }
    }

    /**
     * The question, posted in the channel to start the thread. The person typed it privately and
     * it is now public, so it is redacted as well as kept from pinging anyone.
     */
    static SlackMessage askedInChannel(String user, String question) {
        return SlackMessage.text("<@" + user + "> asked: " + SlackText.escape(question, 2000));
    }

    private void onMessage(MessageEvent event, String botUserId) {
        if (event.getBotId() != null || event.getSubtype() != null || event.getThreadTs() == null
                || event.getUser() == null || event.getUser().equals(botUserId)) {
            return; // not a person replying in a thread
        }
        String text = event.getText() == null ? "" : event.getText();
        if (botUserId != null && text.contains("<@" + botUserId + ">")) {
            return; // a mention: the app_mention event carries it
        }
        Optional<StoredAlert> alert = alerts.byMessage(event.getChannel(), event.getThreadTs());
        String threadKey = ThreadKey.of(event.getChannel(), event.getThreadTs());
        if (alert.isEmpty() && conversations.conversation(threadKey).isEmpty()) {
            return; // somebody else's thread
        }
        if (firstToHear(event.getChannel(), event.getTs())) {
            ask(event.getChannel(), event.getThreadTs(), text, event.getUser(), alert);
        }
    }

    /** A question is answered by one replica, even if Slack hands it to two (a retry, say). */
    private boolean firstToHear(String channel, String questionTs) {
        return claims.claim("answer:" + channel + ":" + questionTs);
    }

    private void onMention(AppMentionEvent event, String botUserId) {
        if (event.getBotId() != null || event.getUser() == null || event.getUser().equals(botUserId)) {
            return;
        }
        String text = event.getText() == null ? "" : event.getText().replace("<@" + botUserId + ">", "").strip();
        String threadTs = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
        if (!firstToHear(event.getChannel(), event.getTs())) {
            return;
        }
        ask(event.getChannel(), threadTs, text.isEmpty() ? "What is going on here?" : text, event.getUser(),
                alerts.byMessage(event.getChannel(), threadTs));
    }

    /** Queues the question behind any other in the same thread. */
    private void ask(String channel, String threadTs, String question, String user, Optional<StoredAlert> alert) {
        String threadKey = ThreadKey.of(channel, threadTs);
        threads.compute(threadKey, (key, previous) -> {
            CompletableFuture<Void> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
            CompletableFuture<Void> next = before.handleAsync((ignored, failure) -> {
                answer(channel, threadTs, threadKey, question, user, alert);
                return null;
            }, pool);
            next.whenComplete((ignored, failure) -> threads.remove(key, next));
            return next;
        });
    }

    private void answer(String channel, String threadTs, String threadKey, String question, String user,
            Optional<StoredAlert> alert) {
        MDC.put("thread", threadKey);
        try (Phase answering = Telemetry.get().phase("watchdog.thread.answer").logId("thread", threadKey)
                .logId("user", user)) {
            MessageTag tag = placeholders.opening(channel, threadTs, Placeholders.Purpose.ANSWER);
            PostedMessage placeholder = poster.postTaggedReply(channel, threadTs,
                    SlackMessage.text(":hourglass_flowing_sand: Looking into it…"), tag);
            placeholders.posted(tag, placeholder);
            AlertContext context = alert.map(stored -> {
                AlertView view = views.of(stored);
                return AlertContext.of(stored, view.expr(), view.graphUrl());
            }).orElse(null);
            AnswerResult result = investigator.answer(threadKey, question, context, user);
            poster.update(placeholder, AnalysisMessage.renderAnswer(result, costLine));
            placeholders.done(tag);
        } catch (RuntimeException failure) {
            log.error("could not answer in thread {}: {}", threadKey, failure.toString(), failure);
        } finally {
            MDC.remove("thread");
        }
    }
}
