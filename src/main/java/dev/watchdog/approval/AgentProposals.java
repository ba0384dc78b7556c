package dev.watchdog.approval;

import dev.watchdog.agent.ThreadKey;
import dev.watchdog.agent.tools.ActionProposer;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.db.StoreException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@code propose_action} tool, seen from the approval side: the conversation's thread
 * becomes where the approval message goes, and the alert whose message starts that thread
 * becomes the alert the proposal belongs to.
 */
public final class AgentProposals implements ActionProposer {

    private static final Logger log = LoggerFactory.getLogger(AgentProposals.class);
    private static final int MAX_ARGUMENTS_IN_AUDIT = 300;

    private final ApprovalService approvals;
    private final AlertStore store;

    public AgentProposals(ApprovalService approvals, AlertStore store) {
        this.approvals = approvals;
        this.store = store;
    }

    @Override
    public List<String> actionIds() {
        return approvals.catalog().ids();
    }

    @Override
    public String describeActions() {
        return approvals.catalog().describeForModel();
    }

    @Override
    public String propose(String threadKey, String askedBy, String actionId, Map<String, Object> parameters,
            String reason) {
        String channel = ThreadKey.channel(threadKey);
        String threadTs = ThreadKey.threadTs(threadKey);
        String thread = threadTs.isEmpty() ? null : threadTs;
        return approvals.propose(actionId, parameters, reason, alertOf(channel, thread), channel, thread, askedBy)
                .message();
    }

    @Override
    public void refused(String threadKey, String askedBy, String tool, String arguments, String why) {
        String args = arguments == null ? "" : arguments.strip();
        if (args.length() > MAX_ARGUMENTS_IN_AUDIT) {
            args = args.substring(0, MAX_ARGUMENTS_IN_AUDIT - 1) + "…";
        }
        approvals.recordRefusedAttempt(askedBy == null ? ApprovalService.AGENT : askedBy, null,
                "agent call refused: " + tool + " " + args + ": " + why + " (in " + threadKey + ")");
    }

    /** The alert a thread is about, if the thread starts at an alert's message; null when unknown. */
    private Long alertOf(String channel, String threadTs) {
        if (threadTs == null) {
            return null;
        }
        try {
            return store.byMessage(channel, threadTs).map(StoredAlert::id).orElse(null);
        } catch (StoreException e) {
            log.warn("Could not look up the alert of thread {}:{}: {}", channel, threadTs, e.toString(), e);
            return null;
        }
    }
}
