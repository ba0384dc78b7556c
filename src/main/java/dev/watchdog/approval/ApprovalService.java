package dev.watchdog.approval;

import dev.watchdog.ops.telemetry.Telemetry;
import dev.watchdog.db.StoreException;
import dev.watchdog.security.Redactor;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proposals, decisions and runs of catalogue actions, failing closed at every step.
 *
 * <p>The agent calls {@link #propose}: it validates against the catalogue, stores the proposal with
 * the hash of the exact request, posts the approval message and never runs anything. A click calls
 * {@link #approve} or {@link #reject}, which check everything again, in a fixed order, against the
 * store; each refusal is audited and explained to the person who clicked. An approval is recorded
 * before the request is sent, by a conditional update that only one click can win, so the action
 * runs at most once.
 */
public final class ApprovalService {

    private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

    static final int MAX_REASON_LENGTH = 1000;
    static final int MAX_REJECT_REASON_LENGTH = 500;
    /** Recorded as the actor of a proposal that no person asked for (an automatic analysis). */
    public static final String AGENT = "agent";

    private final ActionCatalog catalog;
    private final ProposalStore store;
    private final ApprovalNotifier notifier;
    private final ApproverDirectory approvers;
    private final WebhookExecutor executor;
    private final Redactor redactor;
    private final Clock clock;
    private final ProposalIds ids = new ProposalIds();

    /** @param redactor masks secrets in previews, reasons and results (configured secrets included) */
    public ApprovalService(ActionCatalog catalog, ProposalStore store, ApprovalNotifier notifier,
            ApproverDirectory approvers, WebhookExecutor executor, Redactor redactor, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.notifier = notifier;
        this.approvers = approvers;
        this.executor = executor;
        this.redactor = redactor;
        this.clock = clock;
    }

    public ActionCatalog catalog() {
        return catalog;
    }

    // ---- propose -----------------------------------------------------------------------------------------

    /**
     * Proposes a catalogue action; never runs anything. The outcome's message is the text for the
     * model: {@code proposal P-… awaiting approval}, or what was wrong (then nothing was proposed).
     *
     * @param parameters as the model sent them (JSON types: String, Number, Boolean)
     * @param reason     why the action would help, shown to the approvers
     * @param alertId    the alert occurrence the conversation is about, or null
     * @param channel    the channel of the conversation; the approval message goes there
     * @param threadTs   the thread of the conversation, or null for the channel itself
     * @param askedBy    the Slack user whose question led to this, or null when nobody asked
     */
    public ProposalOutcome propose(String actionId, Map<String, Object> parameters, String reason, Long alertId,
            String channel, String threadTs, String askedBy) {
        String actor = askedBy == null ? AGENT : askedBy;
        Optional<ActionDefinition> found = catalog.find(actionId);
        if (found.isEmpty()) {
            return refusedProposal(actor, null, "unknown action '" + cut(String.valueOf(actionId), 60) + "' ("
                    + (catalog.isEmpty() ? "no actions are configured" : "available: " + String.join(", ", catalog.ids()))
                    + ")");
        }
        ActionDefinition action = found.get();
        ParameterValidation.Result checked = ParameterValidation.check(action, parameters);
        List<String> problems = new ArrayList<>(checked.problems());
        if (reason == null || reason.isBlank()) {
            problems.add("a reason is required: say in a sentence or two why this action would help");
        }
        if (channel == null || channel.isBlank()) {
            problems.add("the proposal must belong to a Slack conversation, and no channel was given");
        }
        if (!problems.isEmpty()) {
            return refusedProposal(actor, action.id(), String.join("; ", problems));
        }
        PreparedRequest request = RequestRenderer.render(action, checked.values());
        Instant now = clock.instant();
        StoredProposal proposal;
        try {
            Optional<StoredProposal> same = pendingTwin(channel, threadTs, request.hash(), now);
            if (same.isPresent()) {
                return ProposalOutcome.alreadyPending(same.get());
            }
            proposal = StoredProposal.pending(newId(), action.id(), checked.values(), request.hash(),
                    request.preview(redactor), cut(redactor.redact(reason.strip()), MAX_REASON_LENGTH), alertId,
                    channel, threadTs, askedBy, now, now.plus(action.expiresAfter()));
            store.createProposal(proposal, audit(now, AuditEvent.PROPOSED, proposal, actor,
                    action.id() + " " + ProposalCard.inline(proposal.parameters()) + " · reason: "
                            + cut(proposal.reason(), 200)));
        } catch (StoreException failure) {
            log.error("could not save a proposal of {}: {}", action.id(), failure.toString(), failure);
            return ProposalOutcome.refused("the proposal could not be saved (Watchdog's store failed), so nothing was"
                    + " proposed; tell the user that approvals are unavailable right now");
        }
        PostedMessage message;
        try {
            message = notifier.announce(ProposalCard.of(proposal, action));
            store.recordProposalMessage(proposal.id(), message);
        } catch (RuntimeException failure) {
            log.error("could not show proposal {} in Slack: {}", proposal.id(), failure.toString(), failure);
            withdraw(proposal, failure.getMessage());
            return ProposalOutcome.refused("the approval message could not be posted in Slack (" + failure.getMessage()
                    + "), so nothing was proposed");
        }
        log.info("proposal {} of {} awaits approval in {} (asked by {})", proposal.id(), action.id(), channel,
                askedBy == null ? AGENT : askedBy);
        return ProposalOutcome.created(proposal.shownIn(message));
    }

    /**
     * A pending, unexpired proposal of exactly this request in the same conversation: asking again
     * (or a model repeating itself) must not pile up approval messages for one action.
     */
    private Optional<StoredProposal> pendingTwin(String channel, String threadTs, String hash, Instant now) {
        return store.proposals(ProposalState.PENDING).stream()
                .filter(p -> p.requestHash().equals(hash) && p.channel().equals(channel)
                        && Objects.equals(p.threadTs(), threadTs) && !p.expiredAt(now))
                .findFirst();
    }

    /** The model's proposal was not accepted: audited as a refused attempt, and the problem goes back to it. */
    private ProposalOutcome refusedProposal(String actor, String actionId, String problem) {
        recordRefusedAttempt(actor, actionId, "propose refused: " + problem);
        return ProposalOutcome.refused(problem);
    }

    /**
     * Appends a refused attempt of the agent to the audit trail (an invalid proposal, a call of a
     * tool that does not exist): nothing ran, but the attempt is on record. Best effort: a store
     * failure is logged and the refusal stands.
     *
     * @param actor    the person whose question led to it, or {@link #AGENT}
     * @param actionId the catalogue action concerned, or null
     */
    public void recordRefusedAttempt(String actor, String actionId, String detail) {
        log.info("refused attempt by the agent (for {}): {}", actor, detail);
        try {
            store.appendAudit(AuditRecord.of(clock.instant(), AuditEvent.REFUSED, null, actionId, actor, null,
                    cut(redactor.redact(detail), MAX_REASON_LENGTH)));
        } catch (StoreException failure) {
            log.error("could not audit a refused attempt of the agent: {}", failure.toString(), failure);
        }
    }

    /** A proposal nobody can see must not stay approvable: its buttons would appear nowhere. */
    private void withdraw(StoredProposal proposal, String why) {
        try {
            Instant now = clock.instant();
            store.decideProposal(proposal.id(), ProposalState.CANCELLED, null, why, now, audit(now,
                    AuditEvent.CANCELLED, proposal, AuditRecord.WATCHDOG, "the approval message could not be posted: "
                            + why));
        } catch (StoreException failure) {
            log.error("could not withdraw proposal {}: {}", proposal.id(), failure.toString(), failure);
        }
    }

    private String newId() {
        for (int attempt = 0; attempt < 10; attempt++) {
            String id = ids.next();
            if (store.proposal(id).isEmpty()) {
                return id;
            }
        }
        throw new IllegalStateException("no free proposal id after 10 tries");
    }

    // ---- approve -----------------------------------------------------------------------------------------

    /**
     * Approves and runs a proposal, if every check passes, in this order: the proposal exists; the
     * click came from its approval message; it is still pending; it has not expired; its action is
     * still in the catalogue; the user may approve it; the second-person rule holds; the request
     * rebuilt from the stored parameters hashes to the stored hash; and this click wins the
     * conditional update that marks it approved. Only then is the request sent.
     *
     * @param clickedChannel channel of the message the button was on
     * @param clickedTs      ts of the message the button was on
     */
    public DecisionOutcome approve(String proposalId, String userId, String clickedChannel, String clickedTs) {
        return ApprovalTrace.decide("approved", proposalId, userId, () -> approveNow(proposalId, userId, clickedChannel,
                clickedTs));
    }

    private DecisionOutcome approveNow(String proposalId, String userId, String clickedChannel, String clickedTs) {
        Attempt attempt = new Attempt(true, proposalId, userId);
        try {
            return approveChecked(attempt, clickedChannel, clickedTs);
        } catch (StoreException failure) {
            log.error("approve of {} by {} failed on the store: {}", proposalId, userId, failure.toString(), failure);
            return refuse(attempt, null, "store failure: " + failure.getMessage(), Refusals.storeFailed(true));
        }
    }

    private DecisionOutcome approveChecked(Attempt attempt, String clickedChannel, String clickedTs) {
        Opened opened = open(attempt, clickedChannel, clickedTs, false);
        if (opened.refusal() != null) {
            return opened.refusal();
        }
        StoredProposal proposal = opened.proposal();
        Optional<ActionDefinition> action = catalog.find(proposal.actionId());
        if (action.isEmpty()) {
            return refuse(attempt, proposal, "the action is no longer in the catalogue", Refusals.actionGone(proposal));
        }
        ApproverDirectory.Verdict verdict = approvers.check(attempt.userId(), action.get().approvers());
        if (verdict.lookupFailed()) {
            return refuse(attempt, proposal, "approvers could not be checked: " + verdict.lookupProblem(),
                    Refusals.lookupFailed(proposal.actionId(), verdict.lookupProblem(), true));
        }
        if (!verdict.allowed()) {
            return refuse(attempt, proposal, "not an approver of " + proposal.actionId(),
                    Refusals.notAnApprover(proposal.actionId(), action.get().approvers()));
        }
        if (action.get().requireSecondPerson() && attempt.userId().equals(proposal.askedBy())) {
            return refuse(attempt, proposal, "asked for it, and a second person is required",
                    Refusals.secondPersonRequired(proposal));
        }
        Optional<PreparedRequest> request = rebuild(action.get(), proposal);
        if (request.isEmpty() || !request.get().hash().equals(proposal.requestHash())) {
            return refuse(attempt, proposal, "the request no longer matches the one shown (stored hash "
                    + shortHash(proposal.requestHash()) + ", now " + request.map(r -> shortHash(r.hash()))
                    .orElse("invalid parameters") + ")", Refusals.requestChanged(proposal));
        }
        Instant claimedAt = clock.instant();
        if (!store.decideProposal(proposal.id(), ProposalState.APPROVED, attempt.userId(), null, claimedAt,
                audit(claimedAt, AuditEvent.APPROVED, proposal, attempt.userId(), "approved"))) {
            // Another click (or the expiry) came first; say what it was.
            StoredProposal now = store.proposal(proposal.id()).orElse(proposal);
            return refuse(attempt, now, "another decision came first (" + now.state().label() + ")",
                    now.state() == ProposalState.PENDING ? Refusals.expired(now, true)
                            : Refusals.alreadyDecided(now, true));
        }
        StoredProposal approved = proposal.decided(ProposalState.APPROVED, attempt.userId(), claimedAt, null);
        show(approved, action.get());
        return run(approved, action.get(), request.get());
    }

    private DecisionOutcome run(StoredProposal approved, ActionDefinition action, PreparedRequest request) {
        log.info("running {} ({}) approved by {}", approved.id(), action.id(), approved.decidedBy());
        ExecutionResult result = executor.send(request, action.webhook().timeout());
        Instant at = clock.instant();
        ProposalState outcome = result.succeeded() ? ProposalState.EXECUTED : ProposalState.FAILED;
        StoredProposal finished = approved.finished(outcome, result.status(), result.excerpt(), at);
        try {
            store.recordExecution(approved.id(), outcome, result.status(), result.excerpt(), at, audit(at,
                    outcome == ProposalState.EXECUTED ? AuditEvent.EXECUTED : AuditEvent.FAILED, approved,
                    AuditRecord.WATCHDOG, result.summary()));
        } catch (StoreException failure) {
            // It ran; the message must still say how it went, even if the store could not keep it.
            log.error("{} ran ({}) but its result could not be stored: {}", approved.id(), result.summary(),
                    failure.toString(), failure);
        }
        show(finished, action);
        log.info("{} ({}) {}: {}", approved.id(), action.id(), outcome.label(), result.summary());
        String answer = SlackText.escape(result.summary()); // the webhook's answer is not ours to trust
        return DecisionOutcome.done(result.succeeded()
                ? "Approved `" + approved.id() + "`: `" + action.id() + "` ran (" + answer + ")."
                : "Approved `" + approved.id() + "`, but `" + action.id() + "` failed (" + answer + ").");
    }

    /** The request as it would be sent now: stored parameters, validated again, current catalogue entry. */
    private static Optional<PreparedRequest> rebuild(ActionDefinition action, StoredProposal proposal) {
        ParameterValidation.Result checked = ParameterValidation.check(action, proposal.parameters());
        return checked.ok() ? Optional.of(RequestRenderer.render(action, checked.values())) : Optional.empty();
    }

    // ---- reject ------------------------------------------------------------------------------------------

    /**
     * Rejects a pending proposal. Allowed to its approvers and to the person who asked.
     *
     * @param reason         optional, shown on the message and kept in the audit trail
     * @param clickedChannel the message the Reject button was on; both null for {@code /watchdog reject}
     */
    public DecisionOutcome reject(String proposalId, String userId, String reason, String clickedChannel,
            String clickedTs) {
        return ApprovalTrace.decide("rejected", proposalId, userId, () -> rejectNow(proposalId, userId, reason,
                clickedChannel, clickedTs));
    }

    private DecisionOutcome rejectNow(String proposalId, String userId, String reason, String clickedChannel,
            String clickedTs) {
        Attempt attempt = new Attempt(false, proposalId, userId);
        try {
            return rejectChecked(attempt, reason, clickedChannel, clickedTs);
        } catch (StoreException failure) {
            log.error("reject of {} by {} failed on the store: {}", proposalId, userId, failure.toString(), failure);
            return refuse(attempt, null, "store failure: " + failure.getMessage(), Refusals.storeFailed(false));
        }
    }

    private DecisionOutcome rejectChecked(Attempt attempt, String reason, String clickedChannel, String clickedTs) {
        Opened opened = open(attempt, clickedChannel, clickedTs, true);
        if (opened.refusal() != null) {
            return opened.refusal();
        }
        StoredProposal proposal = opened.proposal();
        Optional<ActionDefinition> action = catalog.find(proposal.actionId());
        List<String> allowed = action.map(ActionDefinition::approvers).orElse(List.of());
        boolean asker = attempt.userId() != null && attempt.userId().equals(proposal.askedBy());
        if (!asker) {
            ApproverDirectory.Verdict verdict = approvers.check(attempt.userId(), allowed);
            if (verdict.lookupFailed()) {
                return refuse(attempt, proposal, "approvers could not be checked: " + verdict.lookupProblem(),
                        Refusals.lookupFailed(proposal.actionId(), verdict.lookupProblem(), false));
            }
            if (!verdict.allowed()) {
                return refuse(attempt, proposal, "neither an approver nor the person who asked",
                        Refusals.notARejecter(proposal.actionId()));
            }
        }
        String note = reason == null || reason.isBlank() ? null : cut(redactor.redact(reason.strip()),
                MAX_REJECT_REASON_LENGTH);
        Instant at = clock.instant();
        if (!store.decideProposal(proposal.id(), ProposalState.REJECTED, attempt.userId(), note, at, audit(at,
                AuditEvent.REJECTED, proposal, attempt.userId(), note == null ? "rejected" : "rejected: " + note))) {
            StoredProposal now = store.proposal(proposal.id()).orElse(proposal);
            return refuse(attempt, now, "another decision came first (" + now.state().label() + ")",
                    now.state() == ProposalState.PENDING ? Refusals.expired(now, false)
                            : Refusals.alreadyDecided(now, false));
        }
        show(proposal.decided(ProposalState.REJECTED, attempt.userId(), at, note), action.orElse(null));
        return DecisionOutcome.done("Rejected `" + proposal.id() + "`. Nothing was run.");
    }

    // ---- expiry and restart ------------------------------------------------------------------------------

    /** Marks every pending proposal whose time is up as expired and edits its message; returns how many. */
    public int expireDue() {
        int expired = 0;
        Instant now = clock.instant();
        for (StoredProposal proposal : store.proposals(ProposalState.PENDING)) {
            if (proposal.expiredAt(now) && expire(proposal, now)) {
                expired++;
            }
        }
        return expired;
    }

    private boolean expire(StoredProposal proposal, Instant now) {
        boolean expired = store.decideProposal(proposal.id(), ProposalState.EXPIRED, null, null, now, audit(now,
                AuditEvent.EXPIRED, proposal, AuditRecord.WATCHDOG, "expired without a decision"));
        if (expired) {
            Telemetry.get().metrics().approvalDecided("expired");
            log.info("proposal {} ({}) expired without a decision", proposal.id(), proposal.actionId());
            show(proposal.decided(ProposalState.EXPIRED, null, now, null), catalog.find(proposal.actionId())
                    .orElse(null));
        }
        return expired;
    }

    /**
     * After a restart: a proposal still marked approved was claimed but its run never recorded, so
     * Watchdog stopped while sending it. It is never sent again; it is marked failed, saying so.
     */
    public int recoverInterrupted() {
        int recovered = 0;
        for (StoredProposal proposal : store.proposals(ProposalState.APPROVED)) {
            Instant now = clock.instant();
            String what = "Watchdog stopped while sending this request; whether it arrived is unknown. Check the"
                    + " target before proposing it again.";
            if (store.recordExecution(proposal.id(), ProposalState.FAILED, 0, what, now, audit(now, AuditEvent.FAILED,
                    proposal, AuditRecord.WATCHDOG, "interrupted: " + what))) {
                show(proposal.finished(ProposalState.FAILED, 0, what, now), catalog.find(proposal.actionId())
                        .orElse(null));
                recovered++;
            }
        }
        return recovered;
    }

    // ---- reading -----------------------------------------------------------------------------------------

    public Optional<StoredProposal> proposal(String id) {
        return find(id);
    }

    /** The newest audit records, newest first. */
    public List<AuditRecord> recentAudit(int limit) {
        return store.recentAudit(limit);
    }

    // ---- shared checks -----------------------------------------------------------------------------------

    /** Who tried what: approve or reject, the button's value as sent, the Slack user. */
    private record Attempt(boolean approving, String proposalId, String userId) {

        String verb() {
            return approving ? "approve" : "reject";
        }
    }

    private Optional<StoredProposal> find(String id) {
        return ProposalIds.wellFormed(id) ? store.proposal(id) : Optional.empty();
    }

    /** Buttons carry only an id; the click must also come from the message that shows that proposal. */
    private static boolean onItsMessage(StoredProposal proposal, String channel, String ts) {
        return proposal.message() != null && proposal.message().channel().equals(channel)
                && proposal.message().ts().equals(ts);
    }

    /** The proposal an attempt may act on, or the refusal (audited) that says why not; exactly one is set. */
    private record Opened(StoredProposal proposal, DecisionOutcome refusal) {
    }

    /**
     * The first checks of every decision: the proposal exists, the click came from its approval
     * message (a typed {@code /watchdog reject} has no message, when {@code typedAllowed}), and it
     * is still open.
     */
    private Opened open(Attempt attempt, String clickedChannel, String clickedTs, boolean typedAllowed) {
        Optional<StoredProposal> found = find(attempt.proposalId());
        if (found.isEmpty()) {
            return new Opened(null, refuse(attempt, null, "unknown proposal", Refusals.unknownProposal()));
        }
        StoredProposal proposal = found.get();
        boolean typed = typedAllowed && clickedChannel == null && clickedTs == null;
        if (!typed && !onItsMessage(proposal, clickedChannel, clickedTs)) {
            return new Opened(null, refuse(attempt, proposal, "the click was not on its approval message",
                    Refusals.notItsMessage(proposal)));
        }
        return notOpen(attempt, proposal).map(refusal -> new Opened(null, refusal))
                .orElseGet(() -> new Opened(proposal, null));
    }

    /** The refusal when the proposal is decided or its time is up (which it then records); else empty. */
    private Optional<DecisionOutcome> notOpen(Attempt attempt, StoredProposal proposal) {
        if (proposal.state() != ProposalState.PENDING) {
            return Optional.of(refuse(attempt, proposal, "already " + proposal.state().label(),
                    Refusals.alreadyDecided(proposal, attempt.approving())));
        }
        Instant now = clock.instant();
        if (proposal.expiredAt(now)) {
            expire(proposal, now);
            return Optional.of(refuse(attempt, proposal, "expired", Refusals.expired(proposal, attempt.approving())));
        }
        return Optional.empty();
    }

    /** Audits the refused attempt (best effort: the refusal stands even if the store fails) and explains it. */
    private DecisionOutcome refuse(Attempt attempt, StoredProposal proposal, String why, String message) {
        log.info("{} of {} by {} refused: {}", attempt.verb(), attemptedId(attempt), attempt.userId(), why);
        try {
            store.appendAudit(AuditRecord.of(clock.instant(), AuditEvent.REFUSED,
                    proposal == null ? attemptedId(attempt) : proposal.id(),
                    proposal == null ? null : proposal.actionId(), attempt.userId(),
                    proposal == null ? null : proposal.requestHash(), attempt.verb() + " refused: " + why));
        } catch (StoreException failure) {
            log.error("could not audit a refused {}: {}", attempt.verb(), failure.toString(), failure);
        }
        return DecisionOutcome.refused(message);
    }

    /** A forged value can be anything: only a short, harmless form of it goes into the audit trail. */
    private static String attemptedId(Attempt attempt) {
        String id = attempt.proposalId() == null ? "" : attempt.proposalId().replaceAll("[^A-Za-z0-9_-]", "?");
        return cut(id, 40);
    }

    private void show(StoredProposal proposal, ActionDefinition action) {
        try {
            notifier.refresh(ProposalCard.of(proposal, action));
        } catch (RuntimeException failure) {
            log.warn("could not update the approval message of {}: {}", proposal.id(), failure.toString(), failure);
        }
    }

    private static AuditRecord audit(Instant at, AuditEvent event, StoredProposal proposal, String actor,
            String detail) {
        return AuditRecord.of(at, event, proposal.id(), proposal.actionId(), actor, proposal.requestHash(), detail);
    }

    static String shortHash(String hash) {
        return hash == null ? "?" : hash.substring(0, Math.min(12, hash.length()));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
