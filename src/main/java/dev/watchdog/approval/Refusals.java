package dev.watchdog.approval;

import dev.watchdog.slack.SlackText;
import java.util.List;

/**
 * The explanations a person gets, ephemerally, when an Approve or Reject changes nothing. Each
 * says what happened, that nothing ran (or changed), and what to do instead.
 */
final class Refusals {

    private Refusals() {
    }

    static String unknownProposal() {
        return "This button does not name a known proposal: nothing was run or changed."
                + " `/watchdog audit` lists recent proposals.";
    }

    static String notItsMessage(StoredProposal proposal) {
        return "That button is not on the approval message of " + id(proposal) + ": nothing was run or changed.";
    }

    /** For a proposal that is no longer pending. */
    static String alreadyDecided(StoredProposal proposal, boolean approving) {
        String consequence = approving ? "nothing was run" : "nothing was changed";
        return switch (proposal.state()) {
            case APPROVED, EXECUTED, FAILED -> id(proposal) + " was already approved by " + who(proposal.decidedBy())
                    + " " + SlackText.date(proposal.decidedAt()) + (approving
                            ? ": an approved action runs only once, so nothing more was run."
                            : ": it can no longer be rejected.");
            case REJECTED -> id(proposal) + " was rejected by " + who(proposal.decidedBy()) + " "
                    + SlackText.date(proposal.decidedAt()) + ": " + consequence + ".";
            case EXPIRED -> expired(proposal, approving);
            case CANCELLED -> id(proposal) + " was withdrawn because its approval message could not be shown: "
                    + consequence + ".";
            case PENDING -> id(proposal) + " is still waiting for a decision: " + consequence + ". Try again.";
        };
    }

    static String expired(StoredProposal proposal, boolean approving) {
        return id(proposal) + " expired " + SlackText.date(proposal.expiresAt()) + " without a decision: "
                + (approving ? "nothing was run" : "nothing was changed")
                + ". If it is still needed, ask in the thread for a new proposal.";
    }

    static String actionGone(StoredProposal proposal) {
        return "The action `" + proposal.actionId() + "` of " + id(proposal)
                + " is no longer in the catalogue: nothing was run.";
    }

    static String notAnApprover(String actionId, List<String> approvers) {
        return "You are not allowed to approve `" + actionId + "`, so nothing was run. Who can: "
                + ProposalCard.mentions(approvers) + ".";
    }

    static String lookupFailed(String actionId, String problem, boolean approving) {
        return "Watchdog could not check that you may " + (approving ? "approve" : "reject") + " `" + actionId + "` ("
                + SlackText.escape(problem) + "), so " + (approving ? "nothing was run" : "nothing was changed")
                + ". Try again in a minute.";
    }

    static String secondPersonRequired(StoredProposal proposal) {
        return "You asked for " + id(proposal) + ", and `" + proposal.actionId() + "` needs a second person: someone"
                + " else who may approve it must click Approve. Nothing was run.";
    }

    static String requestChanged(StoredProposal proposal) {
        return id(proposal) + " no longer matches the request that was shown for approval, so nothing was run."
                + " Ask in the thread for a new proposal.";
    }

    static String notARejecter(String actionId) {
        return "You are not allowed to reject `" + actionId + "`: only its approvers and the person who asked can."
                + " Nothing was changed.";
    }

    static String storeFailed(boolean approving) {
        return "Watchdog could not read or write its store, so " + (approving ? "nothing was run" : "nothing was changed")
                + ". Try again; if it keeps failing, check Watchdog's data directory and logs.";
    }

    static String who(String userId) {
        return userId == null ? "someone" : "<@" + userId + ">";
    }

    private static String id(StoredProposal proposal) {
        return "`" + proposal.id() + "`";
    }
}
