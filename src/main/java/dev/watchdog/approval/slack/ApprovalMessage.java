package dev.watchdog.approval.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.watchdog.approval.ProposalCard;
import dev.watchdog.approval.ProposalState;
import dev.watchdog.approval.StoredProposal;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The approval message in the alert's thread: what will run, on what, why, the risk, the exact
 * request (secrets masked) and until when, with Approve and Reject while it is pending; once
 * decided, the same facts with who decided, when, and how the run went, and no buttons.
 * Buttons carry the proposal id only; everything is looked up again on a click.
 */
public final class ApprovalMessage {

    public static final String APPROVE = "approval_approve";
    public static final String REJECT = "approval_reject";
    /** Every action id the message can carry: each must have a handler, or Slack shows an error. */
    public static final List<String> ACTION_IDS = List.of(APPROVE, REJECT);

    /** Slack's limit for a section's text is 3000 characters; the preview leaves room for the rest. */
    private static final int MAX_PREVIEW = 2600;

    private ApprovalMessage() {
    }

    public static SlackMessage render(ProposalCard card) {
        StoredProposal proposal = card.proposal();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.blockId("approval-title").text(markdownText(title(proposal)))));
        if (card.actionDescription() != null) {
            blocks.add(section(s -> s.blockId("approval-what").text(markdownText("*What:* "
                    + SlackText.escape(card.actionDescription())))));
        }
        blocks.add(section(s -> s.blockId("approval-fields").fields(fields(proposal))));
        blocks.add(section(s -> s.blockId("approval-why").text(markdownText("*Why:* "
                + SlackText.escape(proposal.reason())))));
        if (card.risk() != null) {
            blocks.add(section(s -> s.blockId("approval-risk").text(markdownText(":warning: *Risk:* "
                    + SlackText.escape(card.risk())))));
        }
        blocks.add(section(s -> s.blockId("approval-request").text(markdownText(
                "*Exact request* (secret values masked):\n```" + codeBlock(proposal.requestPreview()) + "```"))));
        blocks.add(context(c -> c.blockId("approval-approvers").elements(List.of(markdownText(approversLine(card))))));
        if (proposal.state() == ProposalState.PENDING) {
            blocks.add(actions(a -> a.blockId("approval-actions").elements(List.of(
                    button(b -> b.actionId(APPROVE).text(plainText("Approve")).value(proposal.id()).style("primary")
                            .confirm(confirmationDialog(d -> d.title(plainText("Run " + SlackText.cut(
                                    proposal.actionId(), 80) + "?"))
                                    .text(plainText("Watchdog sends the request shown, once."))
                                    .confirm(plainText("Approve and run"))
                                    .deny(plainText("Cancel"))))),
                    button(b -> b.actionId(REJECT).text(plainText("Reject")).value(proposal.id()).style("danger"))))));
        } else {
            blocks.add(section(s -> s.blockId("approval-state").text(markdownText(stateLine(proposal)))));
        }
        return SlackMessage.of(text(proposal), blocks);
    }

    /** The notification text: what a lock screen shows. Parameters are the model's, so escaped. */
    static String text(StoredProposal proposal) {
        String what = SlackText.escape(proposal.actionId() + " " + ProposalCard.inline(proposal.parameters()))
                + " (" + proposal.id() + ")";
        return switch (proposal.state()) {
            case PENDING -> "Approval needed: " + what;
            case APPROVED -> "Approved, running: " + what;
            case EXECUTED -> "Approved and ran: " + what;
            case FAILED -> "Approved, but it failed: " + what;
            case REJECTED -> "Rejected: " + what;
            case EXPIRED -> "Expired, nothing ran: " + what;
            case CANCELLED -> "Withdrawn: " + what;
        };
    }

    private static String title(StoredProposal proposal) {
        String head = switch (proposal.state()) {
            case PENDING -> ":raised_hand: *Approval needed*";
            case APPROVED -> ":hourglass_flowing_sand: *Approved, running*";
            case EXECUTED -> ":white_check_mark: *Approved and ran*";
            case FAILED -> ":x: *Approved, but it failed*";
            case REJECTED -> ":no_entry_sign: *Rejected*";
            case EXPIRED -> ":hourglass: *Expired, nothing ran*";
            case CANCELLED -> ":heavy_minus_sign: *Withdrawn*";
        };
        return head + "  ·  `" + inCode(SlackText.escape(proposal.actionId())) + "`  ·  `" + proposal.id() + "`";
    }

    private static List<TextObject> fields(StoredProposal proposal) {
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*On*\n" + (proposal.parameters().isEmpty() ? "(no parameters)"
                : proposal.parameters().entrySet().stream().map(ApprovalMessage::parameterLine)
                        .collect(Collectors.joining("\n")))));
        fields.add(markdownText("*Asked by*\n" + (proposal.askedBy() == null ? "the agent, on its own"
                : "<@" + proposal.askedBy() + ">")));
        if (proposal.state() == ProposalState.PENDING) {
            fields.add(markdownText("*Expires*\n" + SlackText.date(proposal.expiresAt())));
        }
        if (proposal.alertId() != null) {
            fields.add(markdownText("*Alert*\n`#" + proposal.alertId() + "`"));
        }
        return fields;
    }

    private static String parameterLine(Map.Entry<String, Object> parameter) {
        String value = SlackText.escape(String.valueOf(parameter.getValue()), 200);
        return "`" + inCode(SlackText.escape(parameter.getKey())) + "` = `" + inCode(value) + "`";
    }

    private static String approversLine(ProposalCard card) {
        String who = card.approvers().isEmpty() ? "nobody (the action is no longer in the catalogue)"
                : ProposalCard.mentions(card.approvers());
        return "Can approve: " + who + (card.requireSecondPerson() ? " · the person who asked cannot approve alone" : "")
                + " · request sha256 `" + card.proposal().requestHash().substring(0, 12) + "…`";
    }

    static String stateLine(StoredProposal proposal) {
        String approved = "Approved by <@" + proposal.decidedBy() + "> " + SlackText.date(proposal.decidedAt()) + ".";
        return switch (proposal.state()) {
            case PENDING -> "Waiting for approval.";
            case APPROVED -> proposal.resultStatus() == null ? approved + " Sending the request…" : approved;
            case EXECUTED -> approved + " Ran " + SlackText.date(proposal.finishedAt()) + ": " + result(proposal);
            case FAILED -> approved + " :x: Failed " + SlackText.date(proposal.finishedAt()) + ": " + result(proposal);
            case REJECTED -> "Rejected by <@" + proposal.decidedBy() + "> " + SlackText.date(proposal.decidedAt())
                    + (proposal.decisionNote() == null ? "." : ": _" + SlackText.escape(proposal.decisionNote()) + "_")
                    + " Nothing ran.";
            case EXPIRED -> "Expired " + SlackText.date(proposal.expiresAt()) + " without a decision. Nothing ran.";
            case CANCELLED -> "Withdrawn: the approval message could not be posted. Nothing ran.";
        };
    }

    private static String result(StoredProposal proposal) {
        int status = proposal.resultStatus() == null ? 0 : proposal.resultStatus();
        String head = status == 0 ? "no answer" : "HTTP " + status;
        String excerpt = proposal.resultExcerpt();
        return excerpt == null || excerpt.isBlank() ? "*" + head + "*"
                : "*" + head + "* · `" + inCode(SlackText.escape(excerpt)) + "`";
    }

    /** Text inside a code block: escaped for mrkdwn, and unable to close the block early. */
    private static String codeBlock(String text) {
        return SlackText.escape(text, MAX_PREVIEW).replace("```", "`\u200b``");
    }

    private static String inCode(String text) {
        return text.replace('`', '\'');
    }
}
