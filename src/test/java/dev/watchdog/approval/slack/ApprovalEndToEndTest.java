package dev.watchdog.approval.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.watchdog.approval.ApprovalService;
import dev.watchdog.approval.AuditEvent;
import dev.watchdog.approval.AuditRecord;
import dev.watchdog.approval.Catalogs;
import dev.watchdog.approval.PreparedRequest;
import dev.watchdog.approval.ProposalOutcome;
import dev.watchdog.security.Redactor;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.BlockAction;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.FakeSlackApi;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.SlashCommand;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approval-gated actions through the real Bolt Socket Mode client: a proposal made through the
 * Java API the agent uses, clicks as envelopes, and the exact Web API and webhook calls out.
 */
class ApprovalEndToEndTest {

    private static final Duration TIMEOUT = SlackTestHarness.TIMEOUT;
    private static final String THREAD = "1790000000.000100";
    private static final String ASKER = "U0ASKER001";
    private static final String ALICE = "U0ALICE001"; // in the on-call user group
    private static final String STRANGER = "U0STRANGER";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
    private WireMockServer github;
    private FakePrometheus prometheus;
    private SlackTestHarness slack;
    private RunningWatchdog watchdog;

    @BeforeEach
    void start() throws Exception {
        github = Catalogs.webhookTarget();
        prometheus = new FakePrometheus();
        slack = SlackTestHarness.start();
        String actions = Catalogs.standardYamlWithToken(github.baseUrl());
        watchdog = RunningWatchdog.start(slack, prometheus.url(), actions, "  approvers: [" + Catalogs.LEAD + "]",
                dir, clock);
        slack.socketMode().awaitConnected(TIMEOUT);
        api().respondTo("usergroups.users.list", "{\"ok\":true,\"users\":[\"" + ALICE + "\"]}");
    }

    @AfterEach
    void stop() {
        watchdog.close();
        slack.close();
        prometheus.close();
        github.stop();
    }

    private FakeSlackApi api() {
        return slack.api();
    }

    private ApprovalService approvals() {
        return watchdog.watchdog().approvals();
    }

    /** Proposes a rollback as the agent's tool would and returns the approval message Slack received. */
    private SlackCall proposeRollback(String version) {
        int before = api().calls("chat.postMessage").size();
        ProposalOutcome outcome = approvals().propose("rollback", Map.of("service", "checkout", "version", version),
                "error ratio rose right after v1.5.0 was deployed", null, FakeWorkspace.CHANNEL_ID, THREAD, ASKER);
        assertThat(outcome.message()).matches("proposal P-[A-Z2-7]{6} awaiting approval");
        return api().awaitCalls("chat.postMessage", before + 1, TIMEOUT).get(before);
    }

    private static String proposalId(SlackCall approvalMessage) {
        return SlackBlocks.byId(approvalMessage.blocks(), "approval-actions").path("elements").get(0).path("value")
                .asText();
    }

    private BlockAction click(String actionId, String value, String user, SlackCall message) {
        return BlockAction.button(actionId, value).by(user, user.toLowerCase()).onMessage(message.channel(),
                message.postedTs());
    }

    /** Clicks, waits for the ack, and returns the ephemeral explanation posted to the click's response_url. */
    private String clickAndAwaitRefusal(BlockAction action) {
        String envelope = slack.socketMode().sendBlockActions(action);
        slack.socketMode().awaitAck(envelope, TIMEOUT);
        JsonNode body = api().awaitResponseUrlPosts(envelope, 1, TIMEOUT).get(0);
        assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("replace_original").asBoolean(true)).isFalse();
        return body.path("text").asText();
    }

    /** The last chat.update of the message, once its state line contains {@code expected}. */
    private SlackCall awaitUpdateSaying(SlackCall message, String expected) {
        return Await.value(TIMEOUT, () -> updatesOf(message).stream()
                        .filter(update -> stateLine(update).contains(expected)).reduce((a, b) -> b),
                () -> "no chat.update of " + message.postedTs() + " says \"" + expected + "\"; updates: "
                        + updatesOf(message).stream().map(ApprovalEndToEndTest::stateLine).toList());
    }

    private List<SlackCall> updatesOf(SlackCall message) {
        return api().calls("chat.update").stream().filter(update -> message.postedTs().equals(update.param("ts")))
                .toList();
    }

    private static String stateLine(SlackCall update) {
        return SlackBlocks.byId(update.blocks(), "approval-state").path("text").path("text").asText();
    }

    private static String text(JsonNode blocks, String blockId) {
        return SlackBlocks.byId(blocks, blockId).path("text").path("text").asText();
    }

    private String command(String text, String user) {
        return slack.socketMode().awaitAck(slack.socketMode().sendSlashCommand(SlashCommand.watchdog(text)
                .by(user, "someone")), TIMEOUT).payload().path("text").asText();
    }

    private List<LoggedRequest> webhookRequests() {
        return github.findAll(anyRequestedFor(anyUrl()));
    }

    /** The newest audit record; the trail is read through the same API /watchdog audit uses. */
    private AuditRecord lastAudit() {
        return approvals().recentAudit(1).get(0);
    }

    @Test
    void anAllowedUserApprovesAndTheWebhookGetsExactlyThePreviewedRequestOnce() {
        SlackCall message = proposeRollback("v1.4.2");
        String id = proposalId(message);

        assertThat(message.threadTs()).isEqualTo(THREAD);
        assertThat(message.text()).isEqualTo("Approval needed: rollback service=checkout version=v1.4.2 (" + id + ")");
        assertThat(text(message.blocks(), "approval-title"))
                .isEqualTo(":raised_hand: *Approval needed*  ·  `rollback`  ·  `" + id + "`");
        assertThat(text(message.blocks(), "approval-risk")).contains("Every pod of the service restarts");
        assertThat(text(message.blocks(), "approval-why")).isEqualTo("*Why:* error ratio rose right after v1.5.0 was"
                + " deployed");
        assertThat(SlackBlocks.byId(message.blocks(), "approval-actions").path("elements"))
                .extracting(element -> element.path("action_id").asText() + "/" + element.path("style").asText()
                        + "/" + element.path("value").asText())
                .containsExactly("approval_approve/primary/" + id, "approval_reject/danger/" + id);
        String preview = previewIn(message);
        assertThat(preview).contains("Authorization: [REDACTED:header]").doesNotContain(Catalogs.GITHUB_TOKEN);
        assertThat(webhookRequests()).isEmpty();

        slack.socketMode().awaitAck(slack.socketMode().sendBlockActions(click("approval_approve", id, Catalogs.LEAD,
                message)), TIMEOUT);
        SlackCall done = awaitUpdateSaying(message, "HTTP 204");

        assertThat(webhookRequests()).singleElement().satisfies(request -> {
            assertThat(asPreviewed(request, preview)).isEqualTo(preview);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + Catalogs.GITHUB_TOKEN);
        });
        assertThat(text(done.blocks(), "approval-title")).startsWith(":white_check_mark: *Approved and ran*");
        assertThat(stateLine(done)).startsWith("Approved by <@" + Catalogs.LEAD + "> <!date^")
                .contains(" Ran <!date^").endsWith(": *HTTP 204*");
        assertThat(SlackBlocks.byId(done.blocks(), "approval-actions").isMissingNode()).as("no more buttons").isTrue();
        assertThat(text(done.blocks(), "approval-request")).isEqualTo(text(message.blocks(), "approval-request"));

        String audit = command("audit", FakeWorkspace.USER_ID);
        assertThat(audit).startsWith("*Audit trail*, newest first (3):");
        assertThat(audit.lines().skip(1).toList()).satisfiesExactly(
                line -> assertThat(line).contains("*executed* `" + id + "` rollback · watchdog · HTTP 204 · sha256 `"),
                line -> assertThat(line).contains("*approved* `" + id + "` rollback · <@" + Catalogs.LEAD + ">"),
                line -> assertThat(line).contains("*proposed* `" + id + "` rollback · <@" + ASKER + "> · rollback"
                        + " service=checkout version=v1.4.2 · reason: error ratio rose"));
        assertThat(webhookRequests()).hasSize(1);
    }

    @Test
    void aMemberOfAnApproverGroupApprovesAndAReplayedClickRunsNothingMore() {
        SlackCall message = proposeRollback("v1.4.2");
        String id = proposalId(message);
        slack.socketMode().awaitAck(slack.socketMode().sendBlockActions(click("approval_approve", id, ALICE, message)),
                TIMEOUT);
        awaitUpdateSaying(message, "HTTP 204");
        assertThat(api().calls("usergroups.users.list")).singleElement()
                .satisfies(call -> assertThat(call.param("usergroup")).isEqualTo(Catalogs.ONCALL_GROUP));

        String replay = clickAndAwaitRefusal(click("approval_approve", id, Catalogs.LEAD, message));

        assertThat(replay).startsWith("`" + id + "` was already approved by <@" + ALICE + "> <!date^")
                .endsWith(": an approved action runs only once, so nothing more was run.");
        assertThat(webhookRequests()).hasSize(1);
        assertThat(lastAudit().event()).isEqualTo(AuditEvent.REFUSED);
        assertThat(lastAudit().actor()).isEqualTo(Catalogs.LEAD);
        assertThat(lastAudit().detail()).isEqualTo("approve refused: already executed");
    }

    @Test
    void aNonApproverIsToldWhyAndNothingRuns() {
        SlackCall message = proposeRollback("v1.4.2");
        String id = proposalId(message);

        String refusal = clickAndAwaitRefusal(click("approval_approve", id, STRANGER, message));

        assertThat(refusal).isEqualTo("You are not allowed to approve `rollback`, so nothing was run. Who can:"
                + " <@U0LEAD0001>, <!subteam^S0ONCALL01>.");
        assertThat(webhookRequests()).isEmpty();
        assertThat(updatesOf(message)).isEmpty();
        assertThat(lastAudit().detail()).isEqualTo("approve refused: not an approver of rollback");
        assertThat(lastAudit().actor()).isEqualTo(STRANGER);
    }

    @Test
    void aForgedButtonValueIsRefused() {
        SlackCall message = proposeRollback("v1.4.2");

        String refusal = clickAndAwaitRefusal(click("approval_approve", "P-ZZZZZZ", Catalogs.LEAD, message));
        String garbage = clickAndAwaitRefusal(click("approval_approve", "{\"id\":\"" + proposalId(message) + "\"}",
                Catalogs.LEAD, message));

        assertThat(refusal).isEqualTo("This button does not name a known proposal: nothing was run or changed."
                + " `/watchdog audit` lists recent proposals.");
        assertThat(garbage).isEqualTo(refusal);
        assertThat(webhookRequests()).isEmpty();
        assertThat(approvals().recentAudit(2)).allSatisfy(record -> {
            assertThat(record.event()).isEqualTo(AuditEvent.REFUSED);
            assertThat(record.detail()).isEqualTo("approve refused: unknown proposal");
        });
    }

    @Test
    void aClickFromAnotherMessageIsRefused() {
        SlackCall first = proposeRollback("v1.4.2");
        SlackCall second = proposeRollback("v1.4.1");

        String refusal = clickAndAwaitRefusal(click("approval_approve", proposalId(first), Catalogs.LEAD, second));

        assertThat(refusal).isEqualTo("That button is not on the approval message of `" + proposalId(first)
                + "`: nothing was run or changed.");
        assertThat(webhookRequests()).isEmpty();
    }

    @Test
    void anExpiredProposalIsRefusedAndItsMessageSaysItExpired() {
        SlackCall message = proposeRollback("v1.4.2");
        String id = proposalId(message);
        clock.advance(Duration.ofMinutes(31));

        String refusal = clickAndAwaitRefusal(click("approval_approve", id, Catalogs.LEAD, message));

        assertThat(refusal).startsWith("`" + id + "` expired <!date^").endsWith(" without a decision: nothing was"
                + " run. If it is still needed, ask in the thread for a new proposal.");
        SlackCall expired = awaitUpdateSaying(message, "without a decision. Nothing ran.");
        assertThat(text(expired.blocks(), "approval-title")).startsWith(":hourglass: *Expired, nothing ran*");
        assertThat(SlackBlocks.byId(expired.blocks(), "approval-actions").isMissingNode()).isTrue();
        assertThat(webhookRequests()).isEmpty();
        assertThat(approvals().recentAudit(2)).extracting(AuditRecord::event)
                .containsExactly(AuditEvent.REFUSED, AuditEvent.EXPIRED);
    }

    @Test
    void parametersChangedInTheStoreAfterTheyWereShownAreRefused() throws Exception {
        SlackCall message = proposeRollback("v1.4.2");
        String id = proposalId(message);
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("watchdog.db"));
                var update = connection.prepareStatement("UPDATE proposals SET parameters = ? WHERE id = ?")) {
            update.setString(1, "{\"service\":\"payments\",\"version\":\"v0.0.1\"}");
            update.setString(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        String refusal = clickAndAwaitRefusal(click("approval_approve", id, Catalogs.LEAD, message));

        assertThat(refusal).isEqualTo("`" + id + "` no longer matches the request that was shown for approval, so"
                + " nothing was run. Ask in the thread for a new proposal.");
        assertThat(webhookRequests()).isEmpty();
        assertThat(lastAudit().detail()).startsWith("approve refused: the request no longer matches the one shown");
    }

    @Test
    void twoApproversClickingAtTheSameInstantRunItOnce() {
        SlackCall message = proposeRollback("v1.4.2");
        String id = proposalId(message);

        String lead = slack.socketMode().sendBlockActions(click("approval_approve", id, Catalogs.LEAD, message));
        String alice = slack.socketMode().sendBlockActions(click("approval_approve", id, ALICE, message));
        slack.socketMode().awaitAck(lead, TIMEOUT);
        slack.socketMode().awaitAck(alice, TIMEOUT);

        awaitUpdateSaying(message, "HTTP 204");
        List<JsonNode> refusals = Await.value(TIMEOUT, () -> {
            List<JsonNode> posts = new ArrayList<>(api().responseUrlPosts(lead));
            posts.addAll(api().responseUrlPosts(alice));
            return posts.isEmpty() ? Optional.empty() : Optional.of(posts);
        }, () -> "the losing click got no explanation");
        assertThat(refusals).singleElement().satisfies(refusal -> assertThat(refusal.path("text").asText())
                .contains("was already approved by").endsWith("an approved action runs only once, so nothing more"
                        + " was run."));
        assertThat(webhookRequests()).hasSize(1);
        List<AuditRecord> trail = approvals().recentAudit(10);
        assertThat(trail).filteredOn(record -> record.event() == AuditEvent.APPROVED).hasSize(1);
        assertThat(trail).filteredOn(record -> record.event() == AuditEvent.EXECUTED).hasSize(1);
        assertThat(trail).filteredOn(record -> record.event() == AuditEvent.REFUSED).hasSize(1);
    }

    @Test
    void rejectByButtonOrCommandRecordsWhoAndWhyAndEditsTheMessage() {
        SlackCall first = proposeRollback("v1.4.2");
        SlackCall second = proposeRollback("v1.4.1");

        slack.socketMode().awaitAck(slack.socketMode().sendBlockActions(click("approval_reject", proposalId(first),
                Catalogs.LEAD, first)), TIMEOUT);
        SlackCall rejected = awaitUpdateSaying(first, "Rejected by <@" + Catalogs.LEAD + ">");
        String reply = command("reject " + proposalId(second).toLowerCase() + " not during the sale", ASKER);

        assertThat(stateLine(rejected)).endsWith(". Nothing ran.");
        assertThat(reply).isEqualTo("Rejected `" + proposalId(second) + "`. Nothing was run.");
        assertThat(stateLine(awaitUpdateSaying(second, "not during the sale")))
                .contains("Rejected by <@" + ASKER + ">").endsWith(": _not during the sale_ Nothing ran.");
        assertThat(command("reject " + proposalId(second) + " again", STRANGER))
                .startsWith("`" + proposalId(second) + "` was rejected by <@" + ASKER + ">");
        assertThat(clickAndAwaitRefusal(click("approval_approve", proposalId(first), Catalogs.LEAD, first)))
                .contains("was rejected by <@" + Catalogs.LEAD + ">");
        assertThat(webhookRequests()).isEmpty();
        assertThat(lastAudit().event()).isEqualTo(AuditEvent.REFUSED);
    }

    @Test
    void auditTakesACountAndExplainsItsUsage() {
        assertThat(command("audit", FakeWorkspace.USER_ID))
                .isEqualTo("The audit trail is empty: no action has been proposed yet.");
        proposeRollback("v1.4.2");
        proposeRollback("v1.4.1");

        assertThat(command("audit 1", FakeWorkspace.USER_ID)).startsWith("*Audit trail*, newest first (1):")
                .contains("version=v1.4.1").doesNotContain("version=v1.4.2");
        String usage = "Usage: `/watchdog audit [n]`: the newest n audit records (1 to 50, default 10).";
        assertThat(command("audit 0", FakeWorkspace.USER_ID)).isEqualTo(usage);
        assertThat(command("audit 51", FakeWorkspace.USER_ID)).isEqualTo(usage);
        assertThat(command("audit lots", FakeWorkspace.USER_ID)).isEqualTo(usage);
        assertThat(command("help", FakeWorkspace.USER_ID)).contains("`/watchdog audit [n]`")
                .contains("`/watchdog reject <proposal id> [reason]`");
    }

    /** The code block of the message's request preview, as the reader sees it. */
    private static String previewIn(SlackCall message) {
        String text = text(message.blocks(), "approval-request");
        String code = text.substring(text.indexOf("```") + 3, text.lastIndexOf("```"));
        return code.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The received request, previewed the same way, with the headers the preview names. */
    private static String asPreviewed(LoggedRequest request, String preview) {
        Map<String, String> headers = new LinkedHashMap<>();
        preview.lines().skip(1).takeWhile(line -> !line.isEmpty()).forEach(line -> {
            String name = line.substring(0, line.indexOf(':'));
            headers.put(name, request.getHeader(name));
        });
        return new PreparedRequest(request.getMethod().getName(), request.getAbsoluteUrl(), headers,
                request.getBodyAsString()).preview(Redactor.standard());
    }
}
