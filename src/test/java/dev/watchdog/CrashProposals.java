package dev.watchdog;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.watchdog.approval.AuditEvent;
import dev.watchdog.approval.AuditRecord;
import dev.watchdog.approval.ProposalState;
import dev.watchdog.approval.SqlProposalStore;
import dev.watchdog.approval.StoredProposal;
import dev.watchdog.db.Database;
import dev.watchdog.testing.FakeSlackApi;
import dev.watchdog.testing.SlackCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@link CrashIT} checks about proposals, read from the store the child JVM left, from what Slack was told and
 * from the action target's request journal. Each check returns its findings as lines; none means it holds.
 */
final class CrashProposals {

    /** How the approval message's text begins in each state: what a person sees first. */
    private static final Map<ProposalState, String> SHOWN = Map.of(
            ProposalState.PENDING, "Approval needed: ",
            ProposalState.APPROVED, "Approved, running: ",
            ProposalState.EXECUTED, "Approved and ran: ",
            ProposalState.FAILED, "Approved, but it failed: ",
            ProposalState.REJECTED, "Rejected: ",
            ProposalState.EXPIRED, "Expired, nothing ran: ",
            ProposalState.CANCELLED, "Withdrawn: ");
    /** The audit trail each final state must have, oldest first (refused clicks aside). */
    private static final Map<ProposalState, List<AuditEvent>> TRAIL = Map.of(
            ProposalState.PENDING, List.of(AuditEvent.PROPOSED),
            ProposalState.APPROVED, List.of(AuditEvent.PROPOSED, AuditEvent.APPROVED),
            ProposalState.EXECUTED, List.of(AuditEvent.PROPOSED, AuditEvent.APPROVED, AuditEvent.EXECUTED),
            ProposalState.FAILED, List.of(AuditEvent.PROPOSED, AuditEvent.APPROVED, AuditEvent.FAILED),
            ProposalState.REJECTED, List.of(AuditEvent.PROPOSED, AuditEvent.REJECTED),
            ProposalState.EXPIRED, List.of(AuditEvent.PROPOSED, AuditEvent.EXPIRED),
            ProposalState.CANCELLED, List.of(AuditEvent.PROPOSED, AuditEvent.CANCELLED));
    private static final Pattern APPROVAL_POST = Pattern.compile("^Approval needed: .*\\((P-[A-Z2-7]{6})\\)$",
            Pattern.DOTALL);

    private final Path database;
    private final FakeSlackApi slack;
    private final WireMockServer actionTarget;

    CrashProposals(Path database, FakeSlackApi slack, WireMockServer actionTarget) {
        this.database = database;
        this.slack = slack;
        this.actionTarget = actionTarget;
    }

    /** The rollback version proposed in a round: unique per round, so the target's journal tells runs apart. */
    static String version(int round) {
        return "v1." + round + ".0";
    }

    List<StoredProposal> stored() {
        try (Database db = Database.sqlite(database)) {
            SqlProposalStore store = new SqlProposalStore(db);
            return Arrays.stream(ProposalState.values()).flatMap(state -> store.proposals(state).stream()).toList();
        }
    }

    private List<AuditRecord> auditOldestFirst() {
        try (Database db = Database.sqlite(database)) {
            List<AuditRecord> newestFirst = new ArrayList<>(new SqlProposalStore(db).recentAudit(Integer.MAX_VALUE));
            Collections.reverse(newestFirst);
            return newestFirst;
        }
    }

    Map<ProposalState, Long> countByState() {
        return stored().stream().collect(Collectors.groupingBy(StoredProposal::state, TreeMap::new,
                Collectors.counting()));
    }

    /**
     * Where Slack does not show the store: an approval message whose last version is not its proposal's state, a
     * pending proposal without an approval message, one withdrawn without a note in its thread, an approval message
     * that is not the one its proposal recorded.
     *
     * @param lastShown the last text (and blocks) Slack was given for each message ts
     */
    String differences(Map<String, String> lastShown) {
        List<StoredProposal> proposals = stored();
        List<String> found = new ArrayList<>();
        for (StoredProposal proposal : proposals) {
            String id = proposal.id();
            if (proposal.message() != null) {
                String shown = lastShown.get(proposal.message().ts());
                if (shown == null || !shown.startsWith(SHOWN.get(proposal.state())) || !shown.contains("(" + id + ")")) {
                    found.add(id + " is " + proposal.state() + " but its approval message shows: " + shown);
                }
            } else if (proposal.state() != ProposalState.CANCELLED) {
                found.add(id + " is " + proposal.state() + " and has no approval message");
            } else if (!withdrawalNoted(proposal)) {
                found.add(id + " was withdrawn without a note in its thread " + proposal.threadTs());
            }
        }
        Map<String, StoredProposal> byId = proposals.stream().collect(Collectors.toMap(StoredProposal::id, p -> p));
        for (SlackCall post : approvalPosts()) {
            StoredProposal proposal = byId.get(proposalId(post));
            if (proposal == null || proposal.message() == null || !proposal.message().ts().equals(post.postedTs())) {
                found.add("the approval message " + post.postedTs() + " of " + proposalId(post) + " is not the one the"
                        + " store knows (" + (proposal == null ? "no such proposal" : proposal.state() + ", message "
                        + proposal.message()) + ")");
            }
        }
        return String.join("\n", found);
    }

    private boolean withdrawalNoted(StoredProposal proposal) {
        return slack.calls("chat.postMessage").stream()
                .filter(post -> Objects.equals(post.threadTs(), proposal.threadTs()))
                .anyMatch(post -> post.text().contains("(`" + proposal.id() + "`) was withdrawn"));
    }

    private List<SlackCall> approvalPosts() {
        return slack.calls("chat.postMessage").stream().filter(post -> post.postedTs() != null)
                .filter(post -> post.text() != null && APPROVAL_POST.matcher(post.text()).matches()).toList();
    }

    private static String proposalId(SlackCall post) {
        Matcher matcher = APPROVAL_POST.matcher(post.text());
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** Proposal ids Slack got more than one approval message for. */
    List<String> approvalMessagesPostedTwice() {
        return approvalPosts().stream().collect(Collectors.groupingBy(CrashProposals::proposalId,
                        Collectors.counting()))
                .entrySet().stream().filter(posts -> posts.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /**
     * Versions whose requests at the target do not match their proposals: each executed proposal ran exactly once,
     * one that failed (a crash while sending it, say) at most once, and nothing else ever ran.
     */
    List<String> runsBeyondApprovals() {
        List<StoredProposal> proposals = stored();
        List<String> bodies = actionTarget.findAll(anyRequestedFor(anyUrl())).stream()
                .map(request -> request.getBodyAsString()).toList();
        TreeSet<String> versions = new TreeSet<>();
        proposals.forEach(proposal -> versions.add(String.valueOf(proposal.parameters().get("version"))));
        Pattern sent = Pattern.compile("\"version\": \"([^\"]+)\"");
        bodies.forEach(body -> {
            Matcher matcher = sent.matcher(body);
            versions.add(matcher.find() ? matcher.group(1) : body);
        });
        List<String> found = new ArrayList<>();
        for (String version : versions) {
            long runs = bodies.stream().filter(body -> body.contains("\"version\": \"" + version + "\"")).count();
            long executed = count(proposals, version, ProposalState.EXECUTED);
            long failed = count(proposals, version, ProposalState.FAILED);
            if (runs < executed || runs > executed + failed) {
                found.add(version + ": " + runs + " run(s) for " + executed + " executed and " + failed
                        + " failed proposal(s)");
            }
        }
        return found;
    }

    private static long count(List<StoredProposal> proposals, String version, ProposalState state) {
        return proposals.stream().filter(proposal -> proposal.state() == state)
                .filter(proposal -> version.equals(String.valueOf(proposal.parameters().get("version")))).count();
    }

    /** Proposals whose audit trail (refusals aside) is not the one their stored state needs, or names other people. */
    List<String> auditDisagreements() {
        Map<String, List<AuditRecord>> trails = auditOldestFirst().stream()
                .filter(record -> record.event() != AuditEvent.REFUSED)
                .collect(Collectors.groupingBy(record -> String.valueOf(record.proposalId())));
        List<String> found = new ArrayList<>();
        List<StoredProposal> proposals = stored();
        for (StoredProposal proposal : proposals) {
            List<AuditRecord> trail = trails.getOrDefault(proposal.id(), List.of());
            List<AuditEvent> events = trail.stream().map(AuditRecord::event).toList();
            if (!events.equals(TRAIL.get(proposal.state()))) {
                found.add(proposal.id() + " is " + proposal.state() + " but its audit trail is " + events);
            }
            trail.stream().filter(record -> record.event() == AuditEvent.APPROVED
                            || record.event() == AuditEvent.REJECTED)
                    .filter(record -> !record.actor().equals(proposal.decidedBy()))
                    .forEach(record -> found.add(proposal.id() + " was " + record.event() + " by " + record.actor()
                            + " in the audit but decided by " + proposal.decidedBy() + " in the store"));
            trail.stream().filter(record -> record.event() == AuditEvent.PROPOSED)
                    .filter(record -> !record.actor().equals(proposal.askedBy()))
                    .forEach(record -> found.add(proposal.id() + " was proposed by " + record.actor()
                            + " in the audit but asked by " + proposal.askedBy() + " in the store"));
        }
        trails.keySet().stream().filter(id -> proposals.stream().noneMatch(proposal -> proposal.id().equals(id)))
                .forEach(id -> found.add("the audit names " + id + ", which the store does not have"));
        return found;
    }
}
