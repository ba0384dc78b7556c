package dev.watchdog.approval;

import dev.watchdog.slack.PostedMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records approval messages posted and edited; can be told to fail the next post. */
final class RecordingApprovalNotifier implements ApprovalNotifier {

    static final String CHANNEL = "C0ALERTS01";

    final List<ProposalCard> announced = new CopyOnWriteArrayList<>();
    final List<ProposalCard> refreshed = new CopyOnWriteArrayList<>();
    private final AtomicInteger ts = new AtomicInteger(1000);
    private volatile RuntimeException nextFailure;

    void failNextPost(RuntimeException failure) {
        nextFailure = failure;
    }

    @Override
    public PostedMessage announce(ProposalCard card) {
        RuntimeException failure = nextFailure;
        if (failure != null) {
            nextFailure = null;
            throw failure;
        }
        announced.add(card);
        return new PostedMessage(card.proposal().channel(), "1790000000." + ts.incrementAndGet());
    }

    @Override
    public void refresh(ProposalCard card) {
        refreshed.add(card);
    }

    List<ProposalState> refreshedStates() {
        return refreshed.stream().map(card -> card.proposal().state()).toList();
    }
}
