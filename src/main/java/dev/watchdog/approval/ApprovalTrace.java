package dev.watchdog.approval;

import dev.watchdog.ops.telemetry.Phase;
import dev.watchdog.ops.telemetry.Telemetry;
import java.util.function.Supplier;

/**
 * A decision on a proposal as a span ({@code watchdog.approval.approved} / {@code .rejected}) whose
 * log lines carry the proposal id and the person, with the webhook call inside it as a child, and
 * counted in {@code watchdog_approvals_total{decision}}: the decision when it was done,
 * {@code refused} when a check said no.
 */
final class ApprovalTrace {

    private ApprovalTrace() {
    }

    static DecisionOutcome decide(String decision, String proposalId, String userId, Supplier<DecisionOutcome> decide) {
        try (Phase phase = Telemetry.get().phase("watchdog.approval." + decision).logId("proposal", proposalId)
                .logId("user", userId)) {
            DecisionOutcome outcome = decide.get();
            String counted = outcome.done() ? decision : "refused";
            phase.set("watchdog.approval.decision", counted);
            if (!outcome.done()) {
                phase.failed(outcome.message());
            }
            Telemetry.get().metrics().approvalDecided(counted);
            return outcome;
        }
    }
}
