package dev.watchdog.agent.slack;

import dev.watchdog.agent.AnalysisResult;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.ops.telemetry.Phase;
import dev.watchdog.ops.telemetry.Telemetry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One investigation of an alert: a span ({@code watchdog.investigation}) whose children are the
 * model and tool calls, a log line when it starts and one when it ends (outcome, tokens,
 * duration), and {@code watchdog_investigations_total} / {@code watchdog_investigation_duration_seconds}.
 */
final class InvestigationTrace implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InvestigationTrace.class);

    private final Phase phase;
    private final String rule;
    private final long started = System.nanoTime();
    private String outcome = "failed";
    private long inputTokens;
    private long outputTokens;

    private InvestigationTrace(StoredAlert alert, String threadKey) {
        this.rule = alert.alert().ruleName();
        this.phase = Telemetry.get().phase("watchdog.investigation")
                .logId("alert", alert.fingerprint())
                .logId("occurrence", alert.id())
                .logId("thread", threadKey)
                .set("watchdog.rule", rule);
        log.info("investigation of alert {} #{} started", rule, alert.id());
    }

    static InvestigationTrace start(StoredAlert alert, String threadKey) {
        return new InvestigationTrace(alert, threadKey);
    }

    /** The investigator's answer: analysed, no_model (an evidence summary only) or failed. */
    void finished(AnalysisResult result) {
        inputTokens = result.usage() == null ? 0 : result.usage().inputTokens();
        outputTokens = result.usage() == null ? 0 : result.usage().outputTokens();
        if (result.failure() != null) {
            outcome = "failed";
            phase.failed(result.failure());
        } else {
            outcome = inputTokens + outputTokens == 0 ? "no_model" : "analysed";
        }
        phase.set("watchdog.investigation.outcome", outcome)
                .set("gen_ai.usage.input_tokens", inputTokens)
                .set("gen_ai.usage.output_tokens", outputTokens)
                .set("watchdog.investigation.tool_calls", result.toolCalls().size());
    }

    @Override
    public void close() {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Telemetry.get().metrics().investigated(outcome, took);
        log.info("investigation of alert {} ended: {}, {} input and {} output tokens, {} ms", rule, outcome,
                inputTokens, outputTokens, took.toMillis());
        phase.close();
    }
}
