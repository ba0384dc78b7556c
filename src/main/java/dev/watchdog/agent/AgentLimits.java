package dev.watchdog.agent;

import java.time.Duration;

/**
 * What one turn of the agent (an alert analysis or the answer to one question) may spend.
 *
 * @param maxToolCalls tool calls that are actually run; later calls are refused with a "limit reached" text
 * @param toolTimeout  how long one tool call may take before the model is told it timed out
 * @param deadline     the whole turn; the turn is stopped hard when it is over
 * @param maxRange     the longest PromQL range query the model may ask for
 */
public record AgentLimits(int maxToolCalls, Duration toolTimeout, Duration deadline, Duration maxRange) {

    public static final AgentLimits DEFAULTS = new AgentLimits(LlmSettings.DEFAULT_MAX_TOOL_CALLS,
            LlmSettings.DEFAULT_TOOL_TIMEOUT, LlmSettings.DEFAULT_DEADLINE, LlmSettings.DEFAULT_MAX_RANGE);

    public AgentLimits {
        if (maxToolCalls < 0) {
            throw new IllegalArgumentException("max tool calls must not be negative, was " + maxToolCalls);
        }
        requirePositive("tool timeout", toolTimeout);
        requirePositive("deadline", deadline);
        requirePositive("max range", maxRange);
    }

    public static AgentLimits from(LlmSettings settings) {
        return new AgentLimits(settings.maxToolCalls(), settings.toolTimeout(), settings.deadline(),
                settings.maxRange());
    }

    /**
     * When tools stop being run: three quarters into the deadline, so that the model still has
     * time to write its answer from what it found before the turn is stopped hard.
     */
    public Duration toolsStopAfter() {
        return deadline.multipliedBy(3).dividedBy(4);
    }

    public AgentLimits withMaxToolCalls(int calls) {
        return new AgentLimits(calls, toolTimeout, deadline, maxRange);
    }

    public AgentLimits withToolTimeout(Duration timeout) {
        return new AgentLimits(maxToolCalls, timeout, deadline, maxRange);
    }

    public AgentLimits withDeadline(Duration total) {
        return new AgentLimits(maxToolCalls, toolTimeout, total, maxRange);
    }

    private static void requirePositive(String what, Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
    }
}
