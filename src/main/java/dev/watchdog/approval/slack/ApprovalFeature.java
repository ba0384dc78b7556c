package dev.watchdog.approval.slack;

import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import dev.watchdog.approval.ActionCatalog;
import dev.watchdog.approval.ApprovalService;
import dev.watchdog.approval.ApproverDirectory;
import dev.watchdog.approval.ProposalExpirySweeper;
import dev.watchdog.approval.WebhookExecutor;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.security.Redactor;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.SubCommand;
import dev.watchdog.approval.ProposalStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval-gated actions, assembled: the service the agent proposes through, the Slack buttons and
 * commands, and the expiry sweep. {@code Watchdog} builds one and registers its parts.
 */
public final class ApprovalFeature implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApprovalFeature.class);

    private final ApprovalService service;
    private final SlackApprovalNotifier notifier;
    private final ProposalExpirySweeper sweeper;
    private final ExecutorService clicks = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "approval-clicks");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param slack   the bot's Web API client for user group lookups; null without Slack (dry run),
     *                then only approvers listed by user id can approve
     * @param secrets configured secrets (tokens, keys) to mask in previews and results, besides the
     *                catalogue's own header values
     */
    public ApprovalFeature(ActionCatalog catalog, ProposalStore store, SlackPoster poster, MethodsClient slack,
            Collection<String> secrets, Clock clock) {
        List<String> masked = new ArrayList<>(secrets);
        masked.addAll(catalog.secrets());
        Redactor redactor = Redactor.standard().alsoMasking(masked);
        ApproverDirectory.UserGroups groups = slack != null ? new SlackUserGroups(slack) : groupId -> {
            throw new IOException("Watchdog is not connected to Slack");
        };
        this.notifier = new SlackApprovalNotifier(poster);
        this.service = new ApprovalService(catalog, store, notifier, new ApproverDirectory(groups),
                new WebhookExecutor(SharedHttpClient.get(), redactor), redactor, clock);
        this.sweeper = new ProposalExpirySweeper(service);
    }

    /** The API the agent's {@code propose_action} tool calls. */
    public ApprovalService service() {
        return service;
    }

    public List<SubCommand> subCommands() {
        return new ApprovalCommands(service).subCommands();
    }

    /**
     * Registers the Approve and Reject buttons.
     *
     * @param afterAck wraps the pool that runs a click's work after its ack (e.g. {@code SlackBot::afterAck})
     */
    public void register(App app, UnaryOperator<Executor> afterAck) {
        new ApprovalButtons(service, afterAck.apply(clicks)).register(app);
    }

    /** Settles what a restart interrupted, then starts expiring proposals. */
    public void start() {
        try {
            int interrupted = service.recoverInterrupted();
            if (interrupted > 0) {
                log.warn("{} approved action(s) were being sent when Watchdog stopped; marked failed, not re-sent",
                        interrupted);
            }
            service.expireDue();
        } catch (RuntimeException failure) {
            log.error("could not settle proposals left from before the restart: {}", failure.getMessage());
        }
        sweeper.start();
    }

    @Override
    public void close() {
        sweeper.close();
        clicks.shutdownNow();
        notifier.close();
    }
}
