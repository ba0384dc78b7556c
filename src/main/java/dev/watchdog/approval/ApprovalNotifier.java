package dev.watchdog.approval;

import dev.watchdog.slack.PostedMessage;
import java.util.Optional;

/** Where approval messages go: Slack in production, a recording fake in tests. */
public interface ApprovalNotifier {

    /** Posts the approval message of a new proposal in its thread; returns where it landed. */
    PostedMessage announce(ProposalCard card);

    /**
     * Edits the proposal's approval message to show its current state (decided, running, ran,
     * expired). Quick: a slow Slack must not hold up a click's handling.
     */
    void refresh(ProposalCard card);

    /**
     * Edits the approval message now, on the caller's thread, and notes the version Slack shows; a failure reaches
     * the caller. What brings a message up to the store after a crash uses it ({@link ApprovalMessages}).
     */
    default void redraw(ProposalCard card) {
        refresh(card);
    }

    /**
     * Says something in the proposal's thread, e.g. why it was withdrawn, once: a note a run cut off by a crash already
     * posted is not posted again.
     */
    default void tell(StoredProposal proposal, String text) {
    }

    /** The approval message Slack has for the proposal, found by its tag: a crash may have cut off recording it. */
    default Optional<PostedMessage> findAnnounced(StoredProposal proposal) {
        return Optional.empty();
    }
}
