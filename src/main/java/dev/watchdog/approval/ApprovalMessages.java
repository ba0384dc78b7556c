package dev.watchdog.approval;

import dev.watchdog.concurrent.Routine;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackCallFailed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings approval messages up to the store, on the leader, at start and every minute: a decision or a run whose edit a
 * crash cut off is shown; a pending proposal whose approval message was posted but not recorded gets that message
 * (found by its tag); one that never got it (the process died between saving it and posting it) is withdrawn with a
 * note in its thread, since nobody could approve it. It is withdrawn
 * rather than posted late so that a post still in flight elsewhere can never make two approval messages.
 */
public final class ApprovalMessages implements Routine {

    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ApprovalMessages.class);

    private final ProposalStore store;
    private final ActionCatalog catalog;
    private final ApprovalNotifier notifier;
    private final Clock clock;
    private final Duration orphanedAfter;

    /**
     * @param orphanedAfter how long a pending proposal may lack its approval message before it is withdrawn: longer
     *                      than any post of a live replica takes to be recorded, short enough that a person still
     *                      remembers asking ({@code slack.approval-orphaned-after}, 2 minutes by default)
     */
    public ApprovalMessages(ProposalStore store, ActionCatalog catalog, ApprovalNotifier notifier, Clock clock,
            Duration orphanedAfter) {
        this.store = store;
        this.catalog = catalog;
        this.notifier = notifier;
        this.clock = clock;
        this.orphanedAfter = orphanedAfter;
    }

    @Override
    public String name() {
        return "approval-messages";
    }

    @Override
    public Duration interval() {
        // a window shorter than the usual round is looked at as often as it can run out
        return orphanedAfter.compareTo(INTERVAL) < 0 ? orphanedAfter : INTERVAL;
    }

    @Override
    public Duration initialDelay() {
        return Duration.ZERO;
    }

    @Override
    public void runOnce() {
        catchUp();
        withdrawOrphans();
    }

    /** Redraws every approval message that shows less than the store holds; returns how many. */
    int catchUp() {
        int redrawn = 0;
        for (StoredProposal lagging : store.lagging()) {
            try {
                notifier.redraw(ProposalCard.of(lagging, catalog.find(lagging.actionId()).orElse(null)));
                redrawn++;
            } catch (SlackCallFailed refused) {
                // Passing troubles are retried until they pass; this is for good (the message was deleted, say).
                log.warn("the approval message of {} cannot be brought up to date: {}", lagging.id(),
                        refused.getMessage(), refused);
                store.confirmRendered(lagging.id(), lagging.renderVersion());
            }
        }
        if (redrawn > 0) {
            log.info("brought {} approval message(s) up to date with the store", redrawn);
        }
        return redrawn;
    }

    /** Withdraws pending proposals that have no approval message after the orphan window; returns how many. */
    int withdrawOrphans() {
        Instant now = clock.instant();
        int withdrawn = 0;
        for (StoredProposal pending : store.proposals(ProposalState.PENDING)) {
            if (pending.message() != null || now.isBefore(pending.createdAt().plus(orphanedAfter))) {
                continue;
            }
            Optional<PostedMessage> shown = notifier.findAnnounced(pending);
            if (shown.isPresent()) {
                // posted, but the process died before recording where: the message is there to approve, so keep it
                store.recordProposalMessage(pending.id(), shown.get());
                log.warn("proposal {} ({}): found its approval message {}, which a stop kept from being recorded",
                        pending.id(), pending.actionId(), shown.get().ts());
                continue;
            }
            String why = "its approval message was never posted (Watchdog stopped while proposing it)";
            // The note goes first and is posted once whatever happens, so a stop between the two cannot leave a
            // withdrawn proposal that its thread never hears of; nothing ran either way.
            notifier.tell(pending, ":warning: The proposal to run *" + pending.actionId() + "* (`" + pending.id()
                    + "`) was withdrawn: Watchdog stopped before it could ask for approval. Ask again if it is"
                    + " still needed.");
            if (store.decideProposal(pending.id(), ProposalState.CANCELLED, null, why, now, AuditRecord.of(now,
                    AuditEvent.CANCELLED, pending.id(), pending.actionId(), AuditRecord.WATCHDOG,
                    pending.requestHash(), "withdrawn: " + why))) {
                log.warn("proposal {} ({}) withdrawn: {}", pending.id(), pending.actionId(), why);
                withdrawn++;
            }
        }
        return withdrawn;
    }
}
