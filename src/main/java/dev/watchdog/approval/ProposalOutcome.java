package dev.watchdog.approval;

import dev.watchdog.store.StoredProposal;

/**
 * What {@link ApprovalService#propose} answers the agent's tool: the new proposal and the text
 * {@code proposal P-… awaiting approval}, or no proposal and an error text the model can act on.
 *
 * @param proposal null when nothing was proposed
 * @param message  the text to return to the model either way
 */
public record ProposalOutcome(StoredProposal proposal, String message) {

    public boolean created() {
        return proposal != null;
    }

    static ProposalOutcome created(StoredProposal proposal) {
        return new ProposalOutcome(proposal, "proposal " + proposal.id() + " awaiting approval");
    }

    static ProposalOutcome refused(String error) {
        return new ProposalOutcome(null, error);
    }
}
