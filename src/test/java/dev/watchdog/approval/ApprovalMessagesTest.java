package dev.watchdog.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.approval.slack.SlackApprovalNotifier;
import dev.watchdog.db.Database;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackCallFailed;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a crash, approval messages catch up with the store and no proposal is left without one. */
class ApprovalMessagesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final String THREAD = "1790000000.000100";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final Database database = Database.inMemory();
    private final SqlProposalStore store = new SqlProposalStore(database);
    private final List<String> slackCalls = new CopyOnWriteArrayList<>();
    private volatile boolean messagesDeleted;
    private final Map<MessageTag, PostedMessage> taggedReplies = new ConcurrentHashMap<>();
    private final SlackPoster slack = new SlackPoster() {
        private int ts = 200;

        @Override
        public PostedMessage postTaggedReply(String channel, String threadTs, SlackMessage message, MessageTag tag) {
            PostedMessage posted = post(channel, threadTs, message);
            taggedReplies.put(tag, posted);
            return posted;
        }

        @Override
        public Optional<PostedMessage> findTaggedReply(String channelId, String threadTs, MessageTag tag) {
            return Optional.ofNullable(taggedReplies.get(tag));
        }

        @Override
        public synchronized PostedMessage post(String channel, String threadTs, SlackMessage message) {
            slackCalls.add("post in " + threadTs + ": " + message.text());
            return new PostedMessage(channel, "1790000000.000" + ts++);
        }

        @Override
        public PostedMessage postTagged(String channel, SlackMessage message, MessageTag tag) {
            return post(channel, null, message);
        }

        @Override
        public Optional<PostedMessage> findTagged(String channelId, MessageTag tag, Instant since) {
            return Optional.empty();
        }

        @Override
        public void update(PostedMessage posted, SlackMessage message) {
            if (messagesDeleted) {
                throw new SlackCallFailed("chat.update", "message_not_found");
            }
            slackCalls.add("update " + posted.ts() + ": " + message.text());
        }
    };
    private final SlackApprovalNotifier notifier = new SlackApprovalNotifier(slack, Runnable::run,
            store::confirmRendered);
    private static final Duration ORPHANED_AFTER = Duration.ofMinutes(2);
    private ApprovalMessages messages;

    @AfterEach
    void close() {
        database.close();
    }

    private ApprovalMessages messages() {
        if (messages == null) {
            messages = new ApprovalMessages(store, Catalogs.standard("http://deploys.invalid", dir), notifier, clock,
                    ORPHANED_AFTER);
        }
        return messages;
    }

    private StoredProposal propose(String id) {
        StoredProposal proposal = StoredProposal.pending(id, "rollback", Map.of("service", "checkout"),
                "ab".repeat(32), "POST https://x", "errors", null, "C0ALERTS01", THREAD, "U0ASKER001", clock.instant(),
                clock.instant().plus(Duration.ofMinutes(30)));
        store.createProposal(proposal, AuditRecord.of(clock.instant(), AuditEvent.PROPOSED, id, "rollback",
                "U0ASKER001", proposal.requestHash(), "proposed"));
        return proposal;
    }

    private StoredProposal shown(String id) {
        StoredProposal proposal = propose(id);
        PostedMessage message = notifier.announce(ProposalCard.of(proposal, null));
        store.recordProposalMessage(id, message);
        return proposal.shownIn(message);
    }

    private void reject(StoredProposal proposal) {
        store.decideProposal(proposal.id(), ProposalState.REJECTED, "U0LEAD0001", "no", clock.instant(),
                AuditRecord.of(clock.instant(), AuditEvent.REJECTED, proposal.id(), "rollback", "U0LEAD0001",
                        proposal.requestHash(), "rejected"));
    }

    @Test
    void aDecisionShownRightAwayIsNotRedrawnAgain() {
        StoredProposal proposal = shown("P-AAAAAA");
        reject(proposal);
        notifier.refresh(ProposalCard.of(proposal.decided(ProposalState.REJECTED, "U0LEAD0001", clock.instant(), "no"),
                null));

        assertThat(messages().catchUp()).isZero();
        assertThat(slackCalls).hasSize(2);
    }

    @Test
    void aDecisionACrashKeptFromSlackIsShownOnce() {
        StoredProposal proposal = shown("P-AAAAAA");
        shown("P-BBBBBB");
        reject(proposal); // the process died before the edit

        assertThat(messages().catchUp()).isEqualTo(1);
        assertThat(slackCalls).last().asString().startsWith("update " + proposal.message().ts() + ": ");
        assertThat(messages().catchUp()).isZero();
    }

    @Test
    void aMessageSlackCannotEditAnyMoreStopsLagging() {
        reject(shown("P-AAAAAA"));
        messagesDeleted = true;

        assertThat(messages().catchUp()).isZero();
        assertThat(store.lagging()).isEmpty();
    }

    @Test
    void aProposalThatNeverGotItsMessageIsWithdrawnWithANoteInItsThreadOnce() {
        propose("P-AAAAAA"); // saved, then the process died before posting it
        assertThat(messages().withdrawOrphans()).as("a post may still be under way").isZero();

        clock.advance(ORPHANED_AFTER);
        messages().runOnce();
        messages().runOnce();

        assertThat(store.proposal("P-AAAAAA").orElseThrow().state()).isEqualTo(ProposalState.CANCELLED);
        assertThat(store.recentAudit(1)).singleElement().satisfies(audit -> {
            assertThat(audit.event()).isEqualTo(AuditEvent.CANCELLED);
            assertThat(audit.actor()).isEqualTo(AuditRecord.WATCHDOG);
        });
        assertThat(slackCalls).singleElement().asString().startsWith("post in " + THREAD + ": :warning: The proposal"
                + " to run *rollback* (`P-AAAAAA`) was withdrawn");
        assertThat(store.proposals(ProposalState.PENDING)).isEmpty();
    }

    @Test
    void aShortOrphanWindowIsLookedAtAsOftenAsItCanRunOutAndALongOneEveryMinute() {
        ApprovalMessages quick = new ApprovalMessages(store, Catalogs.standard("http://deploys.invalid", dir), notifier,
                clock, Duration.ofSeconds(5));
        propose("P-AAAAAA");
        clock.advance(Duration.ofSeconds(4));
        assertThat(quick.withdrawOrphans()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(quick.withdrawOrphans()).isEqualTo(1);

        assertThat(quick.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(messages().interval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anApprovalMessagePostedButNotRecordedIsFoundByItsTagAndTheProposalStaysOpen() {
        StoredProposal proposal = propose("P-AAAAAA");
        PostedMessage posted = notifier.announce(ProposalCard.of(proposal, null)); // then the process died

        clock.advance(ORPHANED_AFTER);
        messages().runOnce();

        StoredProposal after = store.proposal("P-AAAAAA").orElseThrow();
        assertThat(after.state()).isEqualTo(ProposalState.PENDING);
        assertThat(after.message()).isEqualTo(posted);
        assertThat(slackCalls).as("nothing posted again, no note").hasSize(1);
    }

    @Test
    void aWithdrawalNoteAStoppedRunAlreadyPostedIsNotPostedAgain() {
        StoredProposal proposal = propose("P-AAAAAA");
        notifier.tell(proposal, "withdrawn"); // a run posted the note, then died before recording the withdrawal

        clock.advance(ORPHANED_AFTER);
        messages().runOnce();

        assertThat(store.proposal("P-AAAAAA").orElseThrow().state()).isEqualTo(ProposalState.CANCELLED);
        assertThat(slackCalls).singleElement().asString().isEqualTo("post in " + THREAD + ": withdrawn");
    }
}
