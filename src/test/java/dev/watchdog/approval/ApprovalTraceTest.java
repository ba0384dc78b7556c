package dev.watchdog.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.RecordedSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

/** A decision on a proposal is a span with the proposal and the person, and is counted by decision. */
class ApprovalTraceTest {

    @RegisterExtension
    final RecordedSpans spans = new RecordedSpans();

    @Test
    void aDoneDecisionIsCountedAsItselfWithTheProposalInTheLogs() throws Exception {
        String[] loggedProposal = new String[1];

        DecisionOutcome outcome = ApprovalTrace.decide("approved", "P-42", "U7", () -> {
            loggedProposal[0] = MDC.get("proposal");
            return DecisionOutcome.done("Approved");
        });

        assertThat(outcome.done()).isTrue();
        assertThat(loggedProposal[0]).isEqualTo("P-42");
        SpanData span = spans.named("watchdog.approval.approved");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("watchdog.proposal"))).isEqualTo("P-42");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("watchdog.user"))).isEqualTo("U7");
        assertThat(spans.metricsText()).contains("watchdog_approvals_total{decision=\"approved\"} 1.0")
                .contains("watchdog_approvals_total{decision=\"refused\"} 0.0");
    }

    @Test
    void aRefusalIsAFailedSpanCountedAsRefused() throws Exception {
        ApprovalTrace.decide("rejected", "P-43", "U8", () -> DecisionOutcome.refused("You may not reject P-43."));

        SpanData span = spans.named("watchdog.approval.rejected");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("You may not reject P-43.");
        assertThat(spans.metricsText()).contains("watchdog_approvals_total{decision=\"refused\"} 1.0")
                .contains("watchdog_approvals_total{decision=\"rejected\"} 0.0");
    }
}
