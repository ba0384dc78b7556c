package dev.watchdog.approval.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.util.json.GsonFactory;
import dev.watchdog.approval.ProposalCard;
import dev.watchdog.approval.ProposalState;
import dev.watchdog.approval.StoredProposal;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackText;
import dev.watchdog.testing.JsonFixtures;
import dev.watchdog.testing.SlackBlocks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalMessageTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final StoredProposal PENDING = StoredProposal.pending("P-ABCDEF", "rollback",
            Map.of("service", "checkout"), "0123456789abcdef".repeat(4),
            "POST https://ci.example/hook\nAuthorization: [REDACTED:header]\n\n{\"a\": \"<b>```\"}",
            "the log said <!channel> & *please* roll back", 42L, "C0ALERTS01", "1790000000.000100", "U0ASKER001", T0,
            T0.plus(Duration.ofMinutes(30))).shownIn(new PostedMessage("C0ALERTS01", "1790000000.000200"));

    private static ProposalCard card(StoredProposal proposal) {
        return new ProposalCard(proposal, "Roll back a service", "Pods restart.", List.of("U0LEAD0001", "S0ONCALL01"),
                true);
    }

    private static JsonNode blocks(SlackMessage message) {
        return JsonFixtures.parseText(GsonFactory.createSnakeCase().toJson(message.blocks()));
    }

    private static String text(JsonNode blocks, String id) {
        return SlackBlocks.byId(blocks, id).path("text").path("text").asText();
    }

    @Test
    void aPendingProposalShowsEverythingToDecideOnAndBothButtons() {
        JsonNode blocks = blocks(ApprovalMessage.render(card(PENDING)));

        assertThat(text(blocks, "approval-what")).isEqualTo("*What:* Roll back a service");
        assertThat(SlackBlocks.byId(blocks, "approval-fields").path("fields")).extracting(field -> field.path("text")
                .asText()).containsExactly("*On*\n`service` = `checkout`", "*Asked by*\n<@U0ASKER001>",
                        "*Expires*\n" + SlackText.date(T0.plus(Duration.ofMinutes(30))), "*Alert*\n`#42`");
        assertThat(text(blocks, "approval-why"))
                .as("untrusted text cannot mention or format").isEqualTo("*Why:* the log said &lt;!channel&gt; &amp;"
                        + " *please* roll back");
        assertThat(text(blocks, "approval-request")).isEqualTo("*Exact request* (secret values masked):\n```"
                + "POST https://ci.example/hook\nAuthorization: [REDACTED:header]\n\n{\"a\": \"&lt;b&gt;`\u200b``\"}```");
        assertThat(SlackBlocks.byId(blocks, "approval-approvers").path("elements").get(0).path("text").asText())
                .isEqualTo("Can approve: <@U0LEAD0001>, <!subteam^S0ONCALL01> · the person who asked cannot approve"
                        + " alone · request sha256 `0123456789ab…`");
        JsonNode buttons = SlackBlocks.byId(blocks, "approval-actions").path("elements");
        assertThat(buttons).extracting(button -> button.path("value").asText()).containsOnly("P-ABCDEF");
        assertThat(buttons.get(0).path("confirm").path("title").path("text").asText()).isEqualTo("Run rollback?");
        assertThat(SlackBlocks.byId(blocks, "approval-state").isMissingNode()).isTrue();
    }

    @Test
    void everyDecidedStateDropsTheButtonsAndSaysWhatHappened() {
        Instant at = T0.plusSeconds(60);
        StoredProposal approved = PENDING.decided(ProposalState.APPROVED, "U0LEAD0001", at, null);
        Map<StoredProposal, String> states = Map.of(
                approved, "Approved by <@U0LEAD0001> " + SlackText.date(at) + ". Sending the request…",
                approved.finished(ProposalState.EXECUTED, 204, "", at), "Approved by <@U0LEAD0001> "
                        + SlackText.date(at) + ". Ran " + SlackText.date(at) + ": *HTTP 204*",
                approved.finished(ProposalState.FAILED, 0, "no complete answer within 5s", at),
                "Approved by <@U0LEAD0001> " + SlackText.date(at) + ". :x: Failed " + SlackText.date(at)
                        + ": *no answer* · `no complete answer within 5s`",
                PENDING.decided(ProposalState.REJECTED, "U0LEAD0001", at, "not <now>"), "Rejected by <@U0LEAD0001> "
                        + SlackText.date(at) + ": _not &lt;now&gt;_ Nothing ran.",
                PENDING.decided(ProposalState.EXPIRED, null, at, null), "Expired "
                        + SlackText.date(PENDING.expiresAt()) + " without a decision. Nothing ran.");

        states.forEach((proposal, line) -> {
            JsonNode blocks = blocks(ApprovalMessage.render(card(proposal)));
            assertThat(SlackBlocks.byId(blocks, "approval-actions").isMissingNode()).isTrue();
            assertThat(text(blocks, "approval-state")).isEqualTo(line);
        });
    }

    @Test
    void theNotificationTextNamesTheStateTheActionAndTheProposal() {
        assertThat(ApprovalMessage.render(card(PENDING)).text())
                .isEqualTo("Approval needed: rollback service=checkout (P-ABCDEF)");
        assertThat(ApprovalMessage.render(new ProposalCard(PENDING.decided(ProposalState.EXPIRED, null, T0, null),
                null, null, List.of(), false)).text()).isEqualTo("Expired, nothing ran: rollback service=checkout"
                        + " (P-ABCDEF)");
    }
}
