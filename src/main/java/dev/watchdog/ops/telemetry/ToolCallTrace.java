package dev.watchdog.ops.telemetry;

import java.time.Duration;

/**
 * One call of an agent tool as a span ({@code watchdog.tool}: tool name, arguments after
 * redaction, result size, outcome) and in {@code watchdog_tool_call_duration_seconds}.
 */
public final class ToolCallTrace implements AutoCloseable {

    private final Phase phase;
    private final String tool;
    private final long started = System.nanoTime();
    private String outcome = "error";

    private ToolCallTrace(String tool, String redactedArguments) {
        this.tool = tool;
        this.phase = Telemetry.get().phase("watchdog.tool " + tool)
                .set("gen_ai.tool.name", tool)
                .set("watchdog.tool.arguments", redactedArguments);
    }

    /** @param redactedArguments the call's arguments with secrets already masked */
    public static ToolCallTrace start(String tool, String redactedArguments) {
        return new ToolCallTrace(tool, redactedArguments);
    }

    /** What the model got back: its size, and whether it reports a failure. */
    public void finished(String resultText, boolean failed) {
        outcome = failed ? "error" : "ok";
        phase.set("watchdog.tool.result_chars", resultText == null ? 0 : resultText.length())
                .set("watchdog.tool.outcome", outcome);
        if (failed) {
            phase.failed("the tool answered with a failure");
        }
    }

    @Override
    public void close() {
        phase.close();
        Telemetry.get().metrics().toolCalled(tool, outcome, Duration.ofNanos(System.nanoTime() - started));
    }
}
