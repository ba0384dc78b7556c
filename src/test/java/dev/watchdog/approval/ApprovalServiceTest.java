package dev.watchdog.approval;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.watchdog.db.Database;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.security.Redactor;
import dev.watchdog.slack.SlackText;
import dev.watchdog.testing.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's promises, one by one: a proposal runs nothing; an approval re-checks everything and
 * runs the shown request exactly once; every refusal runs nothing, says why, and is audited.
 */
class ApprovalServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final String CHANNEL = RecordingApprovalNotifier.CHANNEL;
    private static final String THREAD = "1790000000.000100";
    private static final String ASKER = "U0ASKER001";
    private static final String ALICE = "U0ALICE001"; // in the on-call group
    private static final String BOB = "U0BOB00001"; // in the on-call group
    private static final String STRANGER = "U0STRANGER";
    private static final String HOOK = "/repos/acme/shop/actions/workflows/rollback.yml/dispatches";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingApprovalNotifier notifier = new RecordingApprovalNotifier();
    private final FakeUserGroups groups = new FakeUserGroups().with(Catalogs.ONCALL_GROUP, ALICE, BOB);
    private WireMockServer github;
    private Database database;
    private ProposalStore sqlite;
    private ProposalStore store;
    private ApprovalService service;

    @BeforeEach
    void start() {
        github = Catalogs.webhookTarget();
        database = Database.sqlite(dir.resolve("watchdog.db"));
        sqlite = new SqlProposalStore(database);
        store = sqlite;
        service = newService();
    }

    private ApprovalService newService() {
        ActionCatalog catalog = Catalogs.standard(github.baseUrl(), dir);
        Redactor redactor = Redactor.standard().alsoMasking(catalog.secrets());
        return new ApprovalService(catalog, store, notifier,
                new ApproverDirectory(groups, Duration.ofMinutes(1), Ticker.systemTicker()),
                new WebhookExecutor(SharedHttpClient.get(), redactor), redactor, clock);
    }

    @AfterEach
    void stop() {
        database.close();
        github.stop();
    }

    private StoredProposal proposeRollback() {
        return proposeRollback("v1.4.2");
    }

    private StoredProposal proposeRollback(String version) {
        ProposalOutcome outcome = service.propose("rollback", Map.of("service", "checkout", "version", version),
                "errors started with v1.5.0, deployed 10 minutes before the alert", 42L, CHANNEL, THREAD, ASKER);
        assertThat(outcome.created()).as(outcome.message()).isTrue();
        return outcome.proposal();
    }

    private DecisionOutcome approve(StoredProposal proposal, String user) {
        return service.approve(proposal.id(), user, proposal.message().channel(), proposal.message().ts());
    }

    private StoredProposal stored(StoredProposal proposal) {
        return store.proposal(proposal.id()).orElseThrow();
    }

    /** The audit trail, oldest first, as "event actor detail". */
    private List<String> audit() {
        List<String> lines = new ArrayList<>();
        for (AuditRecord record : store.recentAudit(100)) {
            lines.add(record.event().label() + " " + record.actor() + " " + record.detail());
        }
        Collections.reverse(lines);
        return lines;
    }

    private int webhookCalls() {
        return github.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
    }

    // ---- propose -----------------------------------------------------------------------------------------

    @Test
    void aProposalIsStoredShownAndAuditedButRunsNothing() {
        ProposalOutcome outcome = service.propose("rollback", Map.of("version", "v1.4.2", "service", "checkout"),
                "errors started with v1.5.0", 42L, CHANNEL, THREAD, ASKER);

        assertThat(outcome.message()).matches("proposal P-[A-Z2-7]{6} awaiting approval");
        StoredProposal proposal = stored(outcome.proposal());
        assertThat(proposal.state()).isEqualTo(ProposalState.PENDING);
        assertThat(proposal.parameters()).containsExactly(Map.entry("service", "checkout"),
                Map.entry("version", "v1.4.2"));
        assertThat(proposal.requestHash()).hasSize(64);
        assertThat(proposal.requestPreview()).contains("Authorization: [REDACTED:header]")
                .doesNotContain(Catalogs.GITHUB_TOKEN);
        assertThat(proposal.alertId()).isEqualTo(42L);
        assertThat(proposal.threadTs()).isEqualTo(THREAD);
        assertThat(proposal.askedBy()).isEqualTo(ASKER);
        assertThat(proposal.createdAt()).isEqualTo(T0);
        assertThat(proposal.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(proposal.message()).isEqualTo(outcome.proposal().message()).isNotNull();
        assertThat(notifier.announced).singleElement().satisfies(card -> {
            assertThat(card.proposal().id()).isEqualTo(proposal.id());
            assertThat(card.risk()).isEqualTo("Every pod of the service restarts; requests in flight may fail.");
        });
        assertThat(audit()).containsExactly("proposed " + ASKER
                + " rollback service=checkout version=v1.4.2 · reason: errors started with v1.5.0");
        assertThat(webhookCalls()).isZero();
    }

    @Test
    void invalidProposalsAreRefusedWithATextForTheModelAndOnlyTheAttemptIsRecorded() {
        assertThat(service.propose("deploy", Map.of(), "r", null, CHANNEL, THREAD, ASKER).message())
                .isEqualTo("unknown action 'deploy' (available: rollback, restart-pod)");
        assertThat(service.propose("rollback", Map.of("service", "checkout", "version", "latest"), "r", null, CHANNEL,
                THREAD, ASKER).message())
                .isEqualTo("parameter 'version': \"latest\" does not match v[0-9]+\\.[0-9]+\\.[0-9]+");
        assertThat(service.propose("rollback", Map.of("service", "checkout", "version", "v1.0.0", "force", true), "r",
                null, CHANNEL, THREAD, ASKER).message())
                .isEqualTo("unexpected parameter 'force' (allowed: service, version)");
        assertThat(service.propose("rollback", Map.of("service", "checkout"), " ", null, CHANNEL, THREAD, ASKER)
                .message()).isEqualTo("missing required parameter 'version' (the release tag to go back to); a reason"
                        + " is required: say in a sentence or two why this action would help");

        assertThat(notifier.announced).isEmpty();
        assertThat(store.proposals(ProposalState.PENDING)).isEmpty();
        assertThat(store.recentAudit(10)).extracting(AuditRecord::event).containsOnly(AuditEvent.REFUSED);
        assertThat(store.recentAudit(10)).extracting(record -> record.actionId() + " " + record.actor() + " "
                + record.detail()).containsExactly(
                "rollback U0ASKER001 propose refused: missing required parameter 'version' (the release tag to go back"
                        + " to); a reason is required: say in a sentence or two why this action would help",
                "rollback U0ASKER001 propose refused: unexpected parameter 'force' (allowed: service, version)",
                "rollback U0ASKER001 propose refused: parameter 'version': \"latest\" does not match"
                        + " v[0-9]+\\.[0-9]+\\.[0-9]+",
                "null U0ASKER001 propose refused: unknown action 'deploy' (available: rollback, restart-pod)");
    }

    @Test
    void theSameRequestAgainInTheSameThreadPostsNoSecondMessageButElsewhereItDoes() {
        StoredProposal first = proposeRollback();

        ProposalOutcome again = service.propose("rollback", Map.of("version", "v1.4.2", "service", "checkout"),
                "asked again", 42L, CHANNEL, THREAD, "U0SOMEONE1");
        ProposalOutcome otherThread = service.propose("rollback", Map.of("service", "checkout", "version", "v1.4.2"),
                "r", null, CHANNEL, "1790000000.000999", ASKER);
        clock.advance(Duration.ofMinutes(31));
        ProposalOutcome afterExpiry = service.propose("rollback", Map.of("service", "checkout", "version", "v1.4.2"),
                "r", null, CHANNEL, THREAD, ASKER);

        assertThat(again.created()).isFalse();
        assertThat(again.message()).isEqualTo("proposal " + first.id() + " for exactly this request is already"
                + " awaiting approval in this thread, so nothing new was proposed");
        assertThat(otherThread.created()).isTrue();
        assertThat(afterExpiry.created()).as("an expired proposal is no twin").isTrue();
        assertThat(notifier.announced).hasSize(3);
    }

    @Test
    void aProposalThatCannotBeShownIsWithdrawnAndTheModelIsTold() {
        notifier.failNextPost(new IllegalStateException("chat.postMessage failed: channel_not_found"));

        ProposalOutcome outcome = service.propose("rollback", Map.of("service", "checkout", "version", "v1.4.2"),
                "r", null, CHANNEL, THREAD, ASKER);

        assertThat(outcome.created()).isFalse();
        assertThat(outcome.message()).isEqualTo("the approval message could not be posted in Slack"
                + " (chat.postMessage failed: channel_not_found), so nothing was proposed");
        assertThat(store.proposals(ProposalState.CANCELLED)).hasSize(1);
        assertThat(audit()).last().asString().startsWith("cancelled watchdog the approval message could not be posted");
    }

    // ---- approve -----------------------------------------------------------------------------------------

    @Test
    void anApproverRunsTheShownRequestExactlyOnce() {
        StoredProposal proposal = proposeRollback();
        clock.advance(Duration.ofMinutes(3));

        DecisionOutcome outcome = approve(proposal, Catalogs.LEAD);

        assertThat(outcome).isEqualTo(DecisionOutcome.done("Approved `" + proposal.id() + "`: `rollback` ran (HTTP 204)."));
        github.verify(1, postRequestedFor(urlEqualTo(HOOK))
                .withHeader("Authorization", equalTo("Bearer " + Catalogs.GITHUB_TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalTo(
                        "{\"ref\": \"main\", \"inputs\": {\"service\": \"checkout\", \"version\": \"v1.4.2\"}}")));
        assertThat(webhookCalls()).isEqualTo(1);
        StoredProposal ran = stored(proposal);
        assertThat(ran.state()).isEqualTo(ProposalState.EXECUTED);
        assertThat(ran.decidedBy()).isEqualTo(Catalogs.LEAD);
        assertThat(ran.decidedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(ran.resultStatus()).isEqualTo(204);
        assertThat(notifier.refreshedStates()).containsExactly(ProposalState.APPROVED, ProposalState.EXECUTED);
        assertThat(audit()).extracting(line -> line.substring(0, line.indexOf(' ', line.indexOf(' ') + 1)))
                .containsExactly("proposed " + ASKER, "approved " + Catalogs.LEAD, "executed watchdog");
        assertThat(audit()).last().isEqualTo("executed watchdog HTTP 204");
    }

    @Test
    void membersOfAnApproverGroupMayApprove() {
        StoredProposal proposal = proposeRollback();

        assertThat(approve(proposal, ALICE).done()).isTrue();

        assertThat(webhookCalls()).isEqualTo(1);
        assertThat(stored(proposal).decidedBy()).isEqualTo(ALICE);
    }

    @Test
    void aNonApproverIsRefusedAndNothingRuns() {
        StoredProposal proposal = proposeRollback();

        DecisionOutcome outcome = approve(proposal, STRANGER);

        assertThat(outcome).isEqualTo(DecisionOutcome.refused("You are not allowed to approve `rollback`, so nothing"
                + " was run. Who can: <@U0LEAD0001>, <!subteam^S0ONCALL01>."));
        assertThat(webhookCalls()).isZero();
        assertThat(stored(proposal).state()).isEqualTo(ProposalState.PENDING);
        assertThat(audit()).last().isEqualTo("refused " + STRANGER + " approve refused: not an approver of rollback");
    }

    @Test
    void aForgedButtonValueIsRefusedAndTheAttemptIsAudited() {
        StoredProposal proposal = proposeRollback();

        DecisionOutcome unknown = service.approve("P-ZZZZZZ", Catalogs.LEAD, CHANNEL, proposal.message().ts());
        DecisionOutcome garbage = service.approve("P-1'; DELETE FROM audit; --", Catalogs.LEAD, CHANNEL,
                proposal.message().ts());

        String text = "This button does not name a known proposal: nothing was run or changed."
                + " `/watchdog audit` lists recent proposals.";
        assertThat(unknown).isEqualTo(DecisionOutcome.refused(text));
        assertThat(garbage).isEqualTo(DecisionOutcome.refused(text));
        assertThat(webhookCalls()).isZero();
        assertThat(store.recentAudit(2)).extracting(AuditRecord::proposalId)
                .containsExactly("P-1???DELETE?FROM?audit??--", "P-ZZZZZZ");
        assertThat(audit()).last().isEqualTo("refused U0LEAD0001 approve refused: unknown proposal");
    }

    @Test
    void aClickOnAnotherMessageIsRefused() {
        StoredProposal proposal = proposeRollback();

        DecisionOutcome outcome = service.approve(proposal.id(), Catalogs.LEAD, CHANNEL, "1790000000.999999");

        assertThat(outcome).isEqualTo(DecisionOutcome.refused("That button is not on the approval message of `"
                + proposal.id() + "`: nothing was run or changed."));
        assertThat(webhookCalls()).isZero();
        assertThat(stored(proposal).state()).isEqualTo(ProposalState.PENDING);
    }

    @Test
    void aReplayedClickOnADecidedProposalRunsNothingMore() {
        StoredProposal proposal = proposeRollback();
        approve(proposal, Catalogs.LEAD);
        clock.advance(Duration.ofMinutes(1));

        DecisionOutcome replay = approve(proposal, ALICE);

        assertThat(replay).isEqualTo(DecisionOutcome.refused("`" + proposal.id() + "` was already approved by <@"
                + Catalogs.LEAD + "> " + SlackText.date(T0) + ": an approved action runs only once, so nothing more"
                + " was run."));
        assertThat(webhookCalls()).isEqualTo(1);
        assertThat(audit()).last().isEqualTo("refused " + ALICE + " approve refused: already executed");
    }

    @Test
    void anExpiredProposalCannotBeApprovedAndItsMessageSaysSo() {
        StoredProposal proposal = proposeRollback();
        clock.advance(Duration.ofMinutes(30));

        DecisionOutcome outcome = approve(proposal, Catalogs.LEAD);

        assertThat(outcome).isEqualTo(DecisionOutcome.refused("`" + proposal.id() + "` expired "
                + SlackText.date(T0.plus(Duration.ofMinutes(30))) + " without a decision: nothing was run. If it is"
                + " still needed, ask in the thread for a new proposal."));
        assertThat(webhookCalls()).isZero();
        assertThat(stored(proposal).state()).isEqualTo(ProposalState.EXPIRED);
        assertThat(notifier.refreshedStates()).containsExactly(ProposalState.EXPIRED);
        assertThat(audit()).extracting(line -> line.split(" ")[0]).containsExactly("proposed", "expired", "refused");
    }

    @Test
    void theSweepExpiresDueProposalsOnceAndLeavesOthers() {
        StoredProposal rollback = proposeRollback();
        clock.advance(Duration.ofMinutes(25));
        StoredProposal later = proposeRollback("v1.4.1");
        clock.advance(Duration.ofMinutes(5));

        assertThat(service.expireDue()).isEqualTo(1);
        assertThat(service.expireDue()).isZero();

        assertThat(stored(rollback).state()).isEqualTo(ProposalState.EXPIRED);
        assertThat(stored(later).state()).isEqualTo(ProposalState.PENDING);
        assertThat(notifier.refreshed).singleElement()
                .satisfies(card -> assertThat(card.proposal().id()).isEqualTo(rollback.id()));
        assertThat(approve(rollback, Catalogs.LEAD).message()).contains("expired");
        assertThat(webhookCalls()).isZero();
    }

    @Test
    void parametersChangedInTheStoreAfterTheyWereShownAreRefused() throws Exception {
        StoredProposal proposal = proposeRollback();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("watchdog.db"));
                var update = connection.prepareStatement("UPDATE proposals SET parameters = ? WHERE id = ?")) {
            update.setString(1, "{\"service\":\"payments\",\"version\":\"v0.0.1\"}");
            update.setString(2, proposal.id());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        DecisionOutcome outcome = approve(proposal, Catalogs.LEAD);

        assertThat(outcome).isEqualTo(DecisionOutcome.refused("`" + proposal.id() + "` no longer matches the request"
                + " that was shown for approval, so nothing was run. Ask in the thread for a new proposal."));
        assertThat(webhookCalls()).isZero();
        assertThat(stored(proposal).state()).isEqualTo(ProposalState.PENDING);
        assertThat(audit()).last().asString().startsWith("refused U0LEAD0001 approve refused: the request no longer"
                + " matches the one shown (stored hash " + proposal.requestHash().substring(0, 12) + ", now ");
    }

    @Test
    void storedParametersThatNoLongerValidateAreRefusedToo() throws Exception {
        StoredProposal proposal = proposeRollback();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("watchdog.db"));
                var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE proposals SET parameters = '{\"service\":\"checkout\",\"version\":"
                    + "\"v1.4.2\\\"}, \\\"x\\\": 1\"}' WHERE id = '" + proposal.id() + "'");
        }

        assertThat(approve(proposal, Catalogs.LEAD).message()).contains("no longer matches the request");
        assertThat(audit()).last().asString().endsWith(", now invalid parameters)");
        assertThat(webhookCalls()).isZero();
    }

    @Test
    void twoApproversClickingAtTheSameInstantRunItOnce() throws Exception {
        // Both clicks pass every check and then meet at the conditional update that marks the proposal
        // approved: exactly one of them can win it.
        CyclicBarrier bothAtTheClaim = new CyclicBarrier(2);
        store = (ProposalStore) Proxy.newProxyInstance(ProposalStore.class.getClassLoader(),
                new Class<?>[] {ProposalStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("decideProposal") && args[1] == ProposalState.APPROVED) {
                        bothAtTheClaim.await(10, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(sqlite, args);
                    } catch (InvocationTargetException failure) {
                        throw failure.getCause();
                    }
                });
        service = newService();
        StoredProposal proposal = proposeRollback();
        ExecutorService clickers = Executors.newFixedThreadPool(2);
        try {
            Future<DecisionOutcome> alice = clickers.submit(() -> approve(proposal, ALICE));
            Future<DecisionOutcome> bob = clickers.submit(() -> approve(proposal, BOB));
            List<DecisionOutcome> outcomes = List.of(alice.get(10, TimeUnit.SECONDS), bob.get(10, TimeUnit.SECONDS));

            assertThat(outcomes).filteredOn(DecisionOutcome::done).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> !outcome.done()).singleElement()
                    .satisfies(refused -> assertThat(refused.message()).contains("was already approved by")
                            .contains("an approved action runs only once"));
        } finally {
            clickers.shutdownNow();
        }
        assertThat(webhookCalls()).isEqualTo(1);
        assertThat(audit()).filteredOn(line -> line.startsWith("approved")).hasSize(1);
        assertThat(audit()).filteredOn(line -> line.startsWith("refused")).singleElement().asString()
                .endsWith("approve refused: another decision came first (approved)");
    }

    @Test
    void anUnreadableApproverGroupFailsClosed() {
        StoredProposal proposal = proposeRollback();
        groups.broken(Catalogs.ONCALL_GROUP);

        DecisionOutcome outcome = approve(proposal, ALICE);

        assertThat(outcome).isEqualTo(DecisionOutcome.refused("Watchdog could not check that you may approve"
                + " `rollback` (Slack user group S0ONCALL01 could not be read: Slack answered ratelimited), so nothing"
                + " was run. Try again in a minute."));
        assertThat(webhookCalls()).isZero();
        assertThat(audit()).last().isEqualTo("refused " + ALICE + " approve refused: approvers could not be checked:"
                + " Slack user group S0ONCALL01 could not be read: Slack answered ratelimited");
    }

    @Test
    void withTheSecondPersonRuleTheAskerCannotApproveAlone() {
        ProposalOutcome outcome = service.propose("restart-pod", Map.of("pod", "web-1"), "stuck", null, CHANNEL,
                THREAD, Catalogs.LEAD);
        StoredProposal proposal = outcome.proposal();

        DecisionOutcome self = approve(proposal, Catalogs.LEAD);

        assertThat(self).isEqualTo(DecisionOutcome.refused("You asked for `" + proposal.id() + "`, and `restart-pod`"
                + " needs a second person: someone else who may approve it must click Approve. Nothing was run."));
        assertThat(webhookCalls()).isZero();
        assertThat(audit()).last().isEqualTo("refused U0LEAD0001 approve refused: asked for it, and a second person"
                + " is required");
    }

    @Test
    void withoutTheSecondPersonRuleTheAskerMayApprove() {
        ProposalOutcome outcome = service.propose("rollback", Map.of("service", "checkout", "version", "v1.4.2"),
                "r", null, CHANNEL, THREAD, Catalogs.LEAD);

        assertThat(approve(outcome.proposal(), Catalogs.LEAD).done()).isTrue();
        assertThat(webhookCalls()).isEqualTo(1);
    }

    @Test
    void aFailedRunIsRecordedAndShownAsClearlyAsASuccess() {
        github.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(422)
                .withBody("{\"message\": \"No ref found for: main\", \"token\": \"" + Catalogs.GITHUB_TOKEN + "\"}")));
        StoredProposal proposal = proposeRollback();

        DecisionOutcome outcome = approve(proposal, Catalogs.LEAD);

        assertThat(outcome.done()).isTrue();
        assertThat(outcome.message()).isEqualTo("Approved `" + proposal.id() + "`, but `rollback` failed (HTTP 422:"
                + " {\"message\": \"No ref found for: main\", \"token\": \"[REDACTED:configured-secret]\"}).");
        StoredProposal failed = stored(proposal);
        assertThat(failed.state()).isEqualTo(ProposalState.FAILED);
        assertThat(failed.resultStatus()).isEqualTo(422);
        assertThat(failed.resultExcerpt()).doesNotContain(Catalogs.GITHUB_TOKEN);
        assertThat(notifier.refreshedStates()).containsExactly(ProposalState.APPROVED, ProposalState.FAILED);
        assertThat(audit()).last().asString().startsWith("failed watchdog HTTP 422: ");
        assertThat(approve(proposal, ALICE).done()).as("a failed run is not retried by a click").isFalse();
        assertThat(webhookCalls()).isEqualTo(1);
    }

    @Test
    void aStoreThatFailsMeansNothingRuns() {
        StoredProposal proposal = proposeRollback();
        database.close();

        DecisionOutcome outcome = approve(proposal, Catalogs.LEAD);

        assertThat(outcome).isEqualTo(DecisionOutcome.refused("Watchdog could not read or write its store, so nothing"
                + " was run. Try again; if it keeps failing, check Watchdog's data directory and logs."));
        assertThat(webhookCalls()).isZero();
        database = Database.sqlite(dir.resolve("watchdog.db")); // for stop()
    }

    // ---- reject ------------------------------------------------------------------------------------------

    @Test
    void anApproverRejectsWithAReasonAndTheProposalCanNoLongerRun() {
        StoredProposal proposal = proposeRollback();

        DecisionOutcome outcome = service.reject(proposal.id(), ALICE, "not during the sale", CHANNEL,
                proposal.message().ts());

        assertThat(outcome).isEqualTo(DecisionOutcome.done("Rejected `" + proposal.id() + "`. Nothing was run."));
        StoredProposal rejected = stored(proposal);
        assertThat(rejected.state()).isEqualTo(ProposalState.REJECTED);
        assertThat(rejected.decidedBy()).isEqualTo(ALICE);
        assertThat(rejected.decisionNote()).isEqualTo("not during the sale");
        assertThat(notifier.refreshedStates()).containsExactly(ProposalState.REJECTED);
        assertThat(audit()).last().isEqualTo("rejected " + ALICE + " rejected: not during the sale");

        assertThat(approve(proposal, Catalogs.LEAD)).isEqualTo(DecisionOutcome.refused("`" + proposal.id()
                + "` was rejected by <@" + ALICE + "> " + SlackText.date(T0) + ": nothing was run."));
        assertThat(webhookCalls()).isZero();
    }

    @Test
    void thePersonWhoAskedMayRejectByCommandButAStrangerMayNot() {
        StoredProposal proposal = proposeRollback();

        assertThat(service.reject(proposal.id(), STRANGER, null, CHANNEL, proposal.message().ts()))
                .isEqualTo(DecisionOutcome.refused("You are not allowed to reject `rollback`: only its approvers and"
                        + " the person who asked can. Nothing was changed."));
        assertThat(service.reject(proposal.id(), ASKER, "", null, null).done()).isTrue();

        assertThat(stored(proposal).decisionNote()).isNull();
        assertThat(audit()).extracting(line -> line.split(" ")[0]).containsExactly("proposed", "refused", "rejected");
    }

    // ---- restart -----------------------------------------------------------------------------------------

    @Test
    void aRunInterruptedByARestartIsMarkedFailedAndNeverSentAgain() throws Exception {
        StoredProposal proposal = proposeRollback();
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("watchdog.db"));
                var statement = connection.createStatement()) {
            // What a kill -9 between "approved" and the result leaves behind.
            statement.executeUpdate("UPDATE proposals SET state = 'approved', decided_by = 'U0LEAD0001',"
                    + " decided_at = 0 WHERE id = '" + proposal.id() + "'");
        }

        assertThat(service.recoverInterrupted()).isEqualTo(1);

        StoredProposal failed = stored(proposal);
        assertThat(failed.state()).isEqualTo(ProposalState.FAILED);
        assertThat(failed.resultExcerpt()).startsWith("Watchdog stopped while sending this request");
        assertThat(webhookCalls()).isZero();
        assertThat(approve(proposal, Catalogs.LEAD).done()).isFalse();
        assertThat(webhookCalls()).isZero();
    }
}
