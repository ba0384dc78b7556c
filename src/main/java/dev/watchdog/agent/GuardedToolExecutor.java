package dev.watchdog.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.watchdog.agent.tools.ToolFailure;
import dev.watchdog.config.Durations;
import dev.watchdog.ops.telemetry.ToolCallTrace;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one tool call of one turn, and always answers with text for the model: the result, or
 * what went wrong (limit reached, bad arguments, the tool's own error, a timeout). Never a stack
 * trace. Every answer is redacted and quoted as untrusted data.
 */
final class GuardedToolExecutor implements ToolExecutor {

    private static final Logger log = LoggerFactory.getLogger(GuardedToolExecutor.class);
    /** A tool result bigger than this is cut: it would crowd everything else out of the context. */
    static final int MAX_RESULT_CHARS = 6000;

    private final ToolSpecification spec;
    private final ToolExecutor delegate;
    private final Turn turn;
    private final UntrustedData data;
    private final ExecutorService workers;
    private final RefusedAttempts attempts;

    /** @param attempts told when a call is refused before it runs (for an action tool; else {@link RefusedAttempts#NONE}) */
    GuardedToolExecutor(ToolSpecification spec, ToolExecutor delegate, Turn turn, UntrustedData data,
            ExecutorService workers, RefusedAttempts attempts) {
        this.spec = spec;
        this.delegate = delegate;
        this.turn = turn;
        this.data = data;
        this.workers = workers;
        this.attempts = attempts;
    }

    @Override
    public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
        try (ToolCallTrace call = ToolCallTrace.start(spec.name(), data.redact(request.arguments()))) {
            ToolExecutionResult result = guarded(request, context);
            call.finished(result.resultText(), result.isError());
            return result;
        }
    }

    private ToolExecutionResult guarded(ToolExecutionRequest request, InvocationContext context) {
        String tool = spec.name();
        String arguments = request.arguments();
        if (turn.isStopped()) {
            attempts.refused(tool, arguments, "the turn was over");
            return answer(tool, arguments, "The turn is over; " + tool + " was not run.", true);
        }
        Optional<String> refusal = turn.refusal(tool, arguments);
        if (refusal.isPresent()) {
            attempts.refused(tool, arguments, "a limit of the turn was reached");
            return quoted(tool, refusal.get(), true);
        }
        Optional<String> problem = ArgumentCheck.problem(spec, arguments);
        if (problem.isPresent()) {
            attempts.refused(tool, arguments, problem.get());
            return answer(tool, arguments, tool + " was not run: " + problem.get() + ".", true);
        }
        turn.callStarted();
        Future<ToolExecutionResult> running = workers.submit(() -> delegate.executeWithContext(request, context));
        try {
            ToolExecutionResult result = running.get(turn.toolTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return answer(tool, arguments, result.resultText(), result.isError());
        } catch (TimeoutException slow) {
            running.cancel(true);
            turn.timedOut(tool, arguments);
            return answer(tool, arguments, tool + " did not finish within "
                    + Durations.format(turn.limits().toolTimeout()) + " for " + arguments
                    + ", so there is no result. Try a cheaper query (a shorter range, fewer series) or move on.", true);
        } catch (ExecutionException failed) {
            return answer(tool, arguments, describe(tool, arguments, failed.getCause()), true);
        } catch (InterruptedException interrupted) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return answer(tool, arguments, "The turn was stopped; " + tool + " did not finish.", true);
        }
    }

    /** What the model gets to read of a result: a bigger one is cut, and says so. */
    private static String cut(String text) {
        String body = text == null ? "" : text;
        return body.length() <= MAX_RESULT_CHARS ? body
                : body.substring(0, MAX_RESULT_CHARS) + "\n(result cut at " + MAX_RESULT_CHARS + " characters)";
    }

    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        return executeWithContext(request, null).resultText();
    }

    /** A failure as the model should read it: the tool's own message when it wrote one, else what and where. */
    static String describe(String tool, String arguments, Throwable failure) {
        Throwable cause = failure;
        if (cause instanceof ToolExecutionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ToolFailure) {
            return cause.getMessage();
        }
        if (cause instanceof ToolArgumentsException) {
            Throwable reason = cause.getCause() != null ? cause.getCause() : cause;
            return tool + " was not run: the arguments " + arguments + " are invalid (" + reason.getMessage() + ")";
        }
        log.warn("Tool {} failed unexpectedly for {}", tool, arguments, cause);
        return tool + " failed for " + arguments + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private ToolExecutionResult answer(String tool, String arguments, String text, boolean failed) {
        turn.record(tool, arguments, failed);
        if (!failed) {
            turn.returned(tool, arguments, cut(text));
        }
        return quoted(tool, text, failed);
    }

    private ToolExecutionResult quoted(String tool, String text, boolean failed) {
        String body = cut(text);
        return ToolExecutionResult.builder().resultText(data.toolOutput(tool, body)).isError(failed).build();
    }
}
