package dev.watchdog.agent;

import dev.watchdog.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The budget and the record of one turn (an analysis, or the answer to one question): which
 * tools ran, which limits cut it short, how many tokens it used, and whether it is over.
 *
 * <p>Two clocks on purpose: whether tools may still run is judged on the injected {@link Clock}
 * (tests move it by hand), while the hard stop waits on real time, because it has to interrupt a
 * call that really hangs. Thread-safe: tools may run on other threads.
 */
final class Turn {

    static final String MAX_TOOL_CALLS = "max-tool-calls";
    static final String DEADLINE = "deadline";
    static final String TOOL_TIMEOUT = "tool-timeout";
    private static final String ANSWER_NOW = " Answer now with what you have and say what you could not check.";
    private static final int MAX_ARGUMENTS_CHARS = 100;

    private final AgentLimits limits;
    private final Clock clock;
    private final Instant startedAt;
    private final long hardDeadlineNanos;
    private final UntrustedData data;
    private final List<ToolCallRecord> toolCalls = new ArrayList<>();
    private final List<ToolResult> results = new ArrayList<>();
    /** Limit name -> the calls it kept from running (or that it cut off), in order. */
    private final Map<String, List<String>> limited = new LinkedHashMap<>();
    private int callsRun;
    private boolean toolsExhausted;
    private boolean stopped;
    private TokenUsage usage = TokenUsage.NONE;

    Turn(AgentLimits limits, Clock clock, UntrustedData data) {
        this.limits = limits;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.hardDeadlineNanos = System.nanoTime() + limits.deadline().toNanos();
        this.data = data;
    }

    AgentLimits limits() {
        return limits;
    }

    /**
     * Why this call must not run, as the text the model gets instead of a result; empty when it
     * may run. A refused call is recorded, and from then on the model is offered no tools.
     */
    synchronized Optional<String> refusal(String tool, String arguments) {
        Duration elapsed = Duration.between(startedAt, clock.instant());
        String text;
        if (callsRun >= limits.maxToolCalls()) {
            limit(MAX_TOOL_CALLS, tool, arguments);
            text = "limit reached: all " + limits.maxToolCalls() + " tool calls of this turn are used, so " + tool
                    + " was not run.";
        } else if (elapsed.compareTo(limits.toolsStopAfter()) >= 0) {
            limit(DEADLINE, tool, arguments);
            text = "limit reached: this turn has run for " + Durations.format(elapsed.withNanos(0)) + " of its "
                    + Durations.format(limits.deadline()) + ", so " + tool + " was not run.";
        } else {
            return Optional.empty();
        }
        toolsExhausted = true;
        record(tool, arguments, true);
        return Optional.of(text + ANSWER_NOW);
    }

    synchronized void callStarted() {
        callsRun++;
    }

    synchronized void record(String tool, String arguments, boolean failed) {
        toolCalls.add(new ToolCallRecord(tool, data.redact(arguments == null ? "" : arguments), failed));
    }

    /** A call that gave the model a result: kept to check the evidence the model cites against it. */
    synchronized void returned(String tool, String arguments, String text) {
        results.add(new ToolResult(tool, data.redact(arguments == null ? "" : arguments),
                data.redact(text == null ? "" : text)));
    }

    synchronized List<ToolResult> results() {
        return List.copyOf(results);
    }

    synchronized void timedOut(String tool, String arguments) {
        limit(TOOL_TIMEOUT, tool, arguments);
    }

    /** The turn was stopped at its deadline before the model had answered. */
    synchronized void stoppedAtDeadline() {
        limited.computeIfAbsent(DEADLINE, name -> new ArrayList<>());
        stop();
    }

    /** Once the model was refused a tool, it gets no more tools to call: it has to answer. */
    synchronized boolean toolsExhausted() {
        return toolsExhausted;
    }

    /** Ends the turn: no more tool calls, model calls or memory writes from it, even from a thread still running. */
    synchronized void stop() {
        stopped = true;
    }

    synchronized boolean isStopped() {
        return stopped;
    }

    /** Real time left before the hard stop; never negative. */
    Duration remaining() {
        long left = hardDeadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** The tool timeout, or less when the turn ends sooner. */
    Duration toolTimeout() {
        Duration remaining = remaining();
        return remaining.compareTo(limits.toolTimeout()) < 0 ? remaining : limits.toolTimeout();
    }

    synchronized void addUsage(TokenUsage more) {
        usage = usage.plus(more);
    }

    synchronized TokenUsage usage() {
        return usage;
    }

    synchronized List<ToolCallRecord> toolCalls() {
        return List.copyOf(toolCalls);
    }

    /** One line per limit that was hit, saying what it kept from being done. */
    synchronized List<String> limitsHit() {
        List<String> lines = new ArrayList<>();
        limited.forEach((limit, calls) -> lines.add(describe(limit, calls)));
        return lines;
    }

    private String describe(String limit, List<String> calls) {
        String notRun = calls.isEmpty() ? "" : "; not run: " + String.join(", ", calls);
        return switch (limit) {
            case MAX_TOOL_CALLS -> MAX_TOOL_CALLS + " (" + limits.maxToolCalls() + ") reached" + notRun;
            case TOOL_TIMEOUT -> TOOL_TIMEOUT + " (" + Durations.format(limits.toolTimeout()) + "); timed out: "
                    + String.join(", ", calls);
            default -> DEADLINE + " (" + Durations.format(limits.deadline()) + ") reached"
                    + (stopped && calls.isEmpty() ? "; the turn was stopped" : notRun);
        };
    }

    private void limit(String limit, String tool, String arguments) {
        String args = data.redact(arguments == null ? "" : arguments.strip());
        if (args.length() > MAX_ARGUMENTS_CHARS) {
            args = args.substring(0, MAX_ARGUMENTS_CHARS - 1) + "…";
        }
        limited.computeIfAbsent(limit, name -> new ArrayList<>()).add(tool + " " + args);
    }
}
