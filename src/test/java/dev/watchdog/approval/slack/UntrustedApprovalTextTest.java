package dev.watchdog.approval.slack;

import dev.watchdog.approval.ProposalCard;
import dev.watchdog.approval.ProposalState;
import dev.watchdog.approval.StoredProposal;
import dev.watchdog.slack.HostileText;
import dev.watchdog.slack.PostedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An approval message carries the model's reason and parameters, the webhook's answer and the
 * rejecter's note: none of it may ping anyone or fake an approval. The configured approvers and
 * the people who asked and decided are the only mentions.
 */
class UntrustedApprovalTextTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final String[] PEOPLE = {"<@U0ASKER001>", "<@U0LEAD0001>", "<!subteam^S0ONCALL01>"};

    private static StoredProposal pending(String hostile) {
        return StoredProposal.pending("P-ABCDEF", "rollback", Map.of("service", hostile, hostile, "v2"),
                "0123456789abcdef".repeat(4), "POST https://ci.example/hook\n\n{\"why\": \"" + hostile + "\"}",
                "the log said " + hostile, 42L, "C0ALERTS01", "1790000000.000100", "U0ASKER001", T0,
                T0.plus(Duration.ofMinutes(30))).shownIn(new PostedMessage("C0ALERTS01", "1790000000.000200"));
    }

    private static ProposalCard card(StoredProposal proposal) {
        return new ProposalCard(proposal, "Roll back a service", "Pods restart.", List.of("U0LEAD0001", "S0ONCALL01"),
                true);
    }

    @ParameterizedTest
    @MethodSource("dev.watchdog.slack.HostileText#strings")
    void everyStateOfTheApprovalMessagePingsOnlyThePeopleInvolved(String hostile) {
        StoredProposal pending = pending(hostile);
        Instant at = T0.plusSeconds(60);
        StoredProposal approved = pending.decided(ProposalState.APPROVED, "U0LEAD0001", at, null);
        List<StoredProposal> states = List.of(pending, approved,
                approved.finished(ProposalState.EXECUTED, 200, "ok " + hostile, at),
                approved.finished(ProposalState.FAILED, 500, hostile, at),
                pending.decided(ProposalState.REJECTED, "U0LEAD0001", at, "no: " + hostile));

        for (StoredProposal state : states) {
            HostileText.assertNeutralised(ApprovalMessage.render(card(state)), PEOPLE);
        }
    }
}
