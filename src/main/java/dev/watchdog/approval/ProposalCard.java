package dev.watchdog.approval;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything an approval message shows: the proposal as stored (state, decision, result) and the
 * catalogue entry it came from.
 *
 * @param actionDescription null when the action is no longer in the catalogue
 * @param risk              null when the action is no longer in the catalogue
 */
public record ProposalCard(StoredProposal proposal, String actionDescription, String risk, List<String> approvers,
        boolean requireSecondPerson) {

    public ProposalCard {
        approvers = List.copyOf(approvers);
    }

    /** Parameters as one line: {@code service=checkout version=v1.4.2}. */
    public static String inline(Map<String, Object> parameters) {
        return parameters.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" "));
    }

    /** {@code <@U…>} for users, {@code <!subteam^S…>} for user groups: Slack shows their names. */
    public static String mentions(List<String> approvers) {
        return approvers.isEmpty() ? "nobody" : approvers.stream()
                .map(approver -> approver.startsWith("S") ? "<!subteam^" + approver + ">" : "<@" + approver + ">")
                .collect(Collectors.joining(", "));
    }

    static ProposalCard of(StoredProposal proposal, ActionDefinition action) {
        return action == null
                ? new ProposalCard(proposal, null, null, List.of(), false)
                : new ProposalCard(proposal, action.description(), action.risk(), action.approvers(),
                        action.requireSecondPerson());
    }
}
