package dev.watchdog.approval.slack;

import dev.watchdog.approval.ActionCatalog;
import dev.watchdog.approval.AgentProposals;
import dev.watchdog.approval.ApprovalMessages;
import dev.watchdog.approval.ApprovalService;
import dev.watchdog.approval.ApproverDirectory;
import dev.watchdog.approval.ProposalExpirySweeper;
import dev.watchdog.approval.SqlProposalStore;
import dev.watchdog.approval.WebhookExecutor;
import dev.watchdog.boot.Core;
import dev.watchdog.boot.Feature;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.security.Redactor;
import dev.watchdog.slack.SlackBot;
import dev.watchdog.slack.SlashCommandRouter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval-gated actions: the service the agent proposes through, the Approve and Reject buttons,
 * {@code /watchdog audit} and {@code reject}, and the expiry sweep.
 */
public final class ApprovalFeature implements Feature {

    private static final Logger log = LoggerFactory.getLogger(ApprovalFeature.class);

    private final Core core;
    private final ApprovalService service;
    private final ExecutorService clicks;
    private final ApprovalMessages messages;

    /**
     * @param secrets configured secrets (tokens, keys) to mask in previews and results, besides the
     *                catalogue's own header values
     * @param orphanedAfter how long a pending proposal may lack its approval message before it is withdrawn
     */
    public ApprovalFeature(Core core, ActionCatalog catalog, Collection<String> secrets, Duration orphanedAfter) {
        this.core = core;
        List<String> masked = new ArrayList<>(secrets);
        masked.addAll(catalog.secrets());
        Redactor redactor = Redactor.standard().alsoMasking(masked);
        // Without Slack (a dry run) only approvers listed by user id can approve.
        ApproverDirectory.UserGroups groups = core.slackApi()
                .<ApproverDirectory.UserGroups>map(SlackUserGroups::new)
                .orElse(groupId -> {
                    throw new IOException("Watchdog is not connected to Slack");
                });
        SqlProposalStore store = new SqlProposalStore(core.database());
        SlackApprovalNotifier notifier = new SlackApprovalNotifier(core.poster(),
                core.workers().serial("approval-message-edits"), store::confirmRendered);
        this.messages = new ApprovalMessages(store, catalog, notifier, core.clock(), orphanedAfter);
        this.service = new ApprovalService(catalog, store, notifier,
                new ApproverDirectory(groups), new WebhookExecutor(SharedHttpClient.get(), redactor), redactor,
                core.clock());
        this.clicks = core.workers().pool("approval-clicks", 4);
        core.leader().onTakeOver(this::settleInterrupted);
    }

    /** What the agent's {@code propose_action} tool calls, bound to the alerts its threads start from. */
    public AgentProposals proposals(AlertStore alerts) {
        return new AgentProposals(service, alerts);
    }

    public ApprovalService service() {
        return service;
    }

    @Override
    public void registerSlack(SlackBot bot, SlashCommandRouter commands) {
        new ApprovalCommands(service).subCommands().forEach(commands::add);
        bot.register(new ApprovalButtons(service, bot.afterAck(clicks))::register);
    }

    /**
     * The leader settles what a crash interrupted, expires proposals as their time runs out, and keeps approval
     * messages up to the store.
     */
    @Override
    public void start() {
        core.workers().schedule(core.leader().whileLeading(new ProposalExpirySweeper(service)));
        core.workers().schedule(core.leader().whileLeading(messages));
    }

    private void settleInterrupted() {
        try {
            int interrupted = service.recoverInterrupted();
            if (interrupted > 0) {
                log.warn("{} approved action(s) were being sent when Watchdog stopped; marked failed, not re-sent",
                        interrupted);
            }
            service.expireDue();
        } catch (RuntimeException failure) {
            log.error("could not settle proposals left from before the restart: {}", failure.toString(), failure);
        }
    }
}
