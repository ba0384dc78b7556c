package dev.watchdog.approval.slack;

import dev.watchdog.approval.ApprovalNotifier;
import dev.watchdog.approval.ProposalCard;
import dev.watchdog.approval.StoredProposal;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.WriteClass;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval messages through the {@link SlackPoster} (so pacing and retries apply). Edits run on
 * one background thread, in order: a click is never held up by a slow Slack, and "running" is
 * never shown after the result.
 */
public final class SlackApprovalNotifier implements ApprovalNotifier {

    private static final Logger log = LoggerFactory.getLogger(SlackApprovalNotifier.class);

    private final SlackPoster poster;
    private final Executor edits;
    private final BiConsumer<String, Long> shown;

    /**
     * @param edits a serial executor, so edits of one message land in the order they were made
     * @param shown told (proposal id, render version) once Slack shows that version of the approval message
     */
    public SlackApprovalNotifier(SlackPoster poster, Executor edits, BiConsumer<String, Long> shown) {
        this.poster = poster.at(WriteClass.INTERACTIVE); // somebody waits for each approval and its edits
        this.edits = edits;
        this.shown = shown;
    }

    @Override
    public PostedMessage announce(ProposalCard card) {
        PostedMessage posted = postTagged(card.proposal(), ApprovalMessage.render(card),
                MessageTag.approval(card.proposal().id()));
        shown.accept(card.proposal().id(), card.proposal().renderVersion());
        return posted;
    }

    @Override
    public void redraw(ProposalCard card) {
        poster.update(card.proposal().message(), ApprovalMessage.render(card));
        shown.accept(card.proposal().id(), card.proposal().renderVersion());
    }

    @Override
    public void tell(StoredProposal proposal, String text) {
        MessageTag tag = MessageTag.proposalNote(proposal.id());
        if (find(proposal, tag).isEmpty()) {
            postTagged(proposal, SlackMessage.text(text), tag);
        }
    }

    @Override
    public Optional<PostedMessage> findAnnounced(StoredProposal proposal) {
        return find(proposal, MessageTag.approval(proposal.id()));
    }

    private PostedMessage postTagged(StoredProposal proposal, SlackMessage message, MessageTag tag) {
        return proposal.threadTs() == null ? poster.postTagged(proposal.channel(), message, tag)
                : poster.postTaggedReply(proposal.channel(), proposal.threadTs(), message, tag);
    }

    private Optional<PostedMessage> find(StoredProposal proposal, MessageTag tag) {
        return proposal.threadTs() == null ? poster.findTagged(proposal.channel(), tag, proposal.createdAt())
                : poster.findTaggedReply(proposal.channel(), proposal.threadTs(), tag);
    }

    @Override
    public void refresh(ProposalCard card) {
        PostedMessage message = card.proposal().message();
        if (message == null) {
            return; // never shown: nothing to edit
        }
        try {
            edits.execute(() -> {
                try {
                    redraw(card);
                } catch (RuntimeException failure) {
                    log.warn("could not update the approval message of {}: {}", card.proposal().id(),
                            failure.toString(), failure);
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.warn("not updating the approval message of {}: Watchdog is stopping", card.proposal().id());
        }
    }
}
