package dev.watchdog.approval.slack;

import dev.watchdog.approval.ApprovalNotifier;
import dev.watchdog.approval.ProposalCard;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackPoster;
import java.util.concurrent.Executor;
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

    /** @param edits a serial executor, so edits of one message land in the order they were made */
    public SlackApprovalNotifier(SlackPoster poster, Executor edits) {
        this.poster = poster;
        this.edits = edits;
    }

    @Override
    public PostedMessage announce(ProposalCard card) {
        return poster.post(card.proposal().channel(), card.proposal().threadTs(), ApprovalMessage.render(card));
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
                    poster.update(message, ApprovalMessage.render(card));
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
