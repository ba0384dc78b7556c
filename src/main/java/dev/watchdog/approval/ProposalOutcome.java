package dev.watchdog.approval;


/**
 * What {@link ApprovalService#propose} answers the agent's tool: the new proposal and the text
 * {@code proposal P-… awaiting approval}, or no proposal and an error text the model can act on.
 *
 * @param proposal null when nothing new was proposed
 * @param message  the text to return to the model either way
 */
public record ProposalOutcome(StoredProposal proposal, String message) {

    public boolean created() {
        return proposal != null;
    }

    static ProposalOutcome created(StoredProposal proposal) {
        return new ProposalOutcome(proposal, "proposal " + proposal.id() + " awaiting approval");
    }

    /** The same request is already waiting in this conversation: nothing new was proposed. */
    static ProposalOutcome alreadyPending(StoredProposal existing) {
        return new ProposalOutcome(null, "proposal " + existing.id() + " for exactly this request is already awaiting"
                + " approval in this thread, so nothing new was proposed");
    }

    static ProposalOutcome refused(String error) {
        return new ProposalOutcome(null, error);
    }
}
