package dev.watchdog.agent;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.langchain4j.data.message.ChatMessage;
import dev.watchdog.config.Durations;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one turn of a thread: one at a time per thread (a question waits for the analysis it is
 * about), within the turn's deadline, and without leaving a half turn in the conversation. A
 * turn that fails or is stopped puts the conversation back as it was before the turn, so the
 * next question starts from a conversation the model accepts.
 */
final class TurnRunner {

    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);

    private final StoreChatMemoryStore memory;
    private final AgentLimits limits;
    private final Clock clock;
    private final UntrustedData data;
    private final ModelFailures failures;
    private final ExecutorService workers;
    /** Weak values: a thread's lock lives while a turn holds or waits for it, and is collected after. */
    private final LoadingCache<String, ReentrantLock> locks =
            Caffeine.newBuilder().weakValues().build(key -> new ReentrantLock());

    TurnRunner(StoreChatMemoryStore memory, AgentLimits limits, Clock clock, UntrustedData data,
            ModelFailures failures, ExecutorService workers) {
        this.memory = memory;
        this.limits = limits;
        this.clock = clock;
        this.data = data;
        this.failures = failures;
        this.workers = workers;
    }

    /**
     * Runs {@code body} as a turn of {@code threadKey}. Never throws: a failure becomes
     * {@code onFailure(reason, turn)}.
     */
    <R> R run(String threadKey, Function<Turn, R> body, BiFunction<String, Turn, R> onFailure) {
        Turn turn = new Turn(limits, clock, data);
        try {
            return runLocked(threadKey, turn, body, onFailure);
        } catch (RuntimeException unexpected) {
            // The alert path must never see an exception from here, whatever broke.
            log.error("A turn in thread {} failed unexpectedly", threadKey, unexpected);
            turn.stop();
            return onFailure.apply("the investigation failed unexpectedly (" + unexpected.getClass().getSimpleName()
                    + ")", turn);
        }
    }

    private <R> R runLocked(String threadKey, Turn turn, Function<Turn, R> body,
            BiFunction<String, Turn, R> onFailure) {
        ReentrantLock lock = locks.get(threadKey);
        try {
            if (!lock.tryLock(turn.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                return onFailure.apply("another turn in this thread did not finish within "
                        + Durations.format(limits.deadline()), turn);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return onFailure.apply("interrupted while waiting for another turn in this thread", turn);
        }
        try {
            List<ChatMessage> before = memory.getMessages(threadKey);
            List<ChatMessage> repaired = MemoryRepair.withoutUnansweredToolCalls(before);
            if (repaired != before) {
                log.info("Dropped unanswered tool calls from the conversation of thread {}", threadKey);
            }
            // Old turns shrink before the next one, so a long thread does not make every request bigger.
            List<ChatMessage> compacted = HistoryCompactor.compact(repaired);
            if (compacted != before) {
                memory.updateMessages(threadKey, compacted);
            }
            return runWithinDeadline(threadKey, turn, body, onFailure, compacted);
        } finally {
            lock.unlock();
        }
    }

    private <R> R runWithinDeadline(String threadKey, Turn turn, Function<Turn, R> body,
            BiFunction<String, Turn, R> onFailure, List<ChatMessage> before) {
        Future<R> running = workers.submit(() -> body.apply(turn));
        try {
            return running.get(turn.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            turn.stoppedAtDeadline();
            running.cancel(true);
            restore(threadKey, before);
            return onFailure.apply("the model did not finish within the " + Durations.format(limits.deadline())
                    + " deadline", turn);
        } catch (ExecutionException failed) {
            turn.stop();
            restore(threadKey, before);
            Throwable cause = failed.getCause();
            log.warn("A turn in thread {} failed: {}", threadKey, cause.toString());
            return onFailure.apply(describe(cause), turn);
        } catch (InterruptedException | CancellationException interrupted) {
            turn.stop();
            running.cancel(true);
            restore(threadKey, before);
            Thread.currentThread().interrupt();
            return onFailure.apply("the turn was interrupted", turn);
        }
    }

    private String describe(Throwable cause) {
        if (cause instanceof TurnChatModel.TurnStopped) {
            return "the model did not finish within the " + Durations.format(limits.deadline()) + " deadline";
        }
        if (cause instanceof PromptLibrary.BrokenPromptException) {
            return "the prompt files are broken (" + cause.getMessage() + "; run check-config)";
        }
        if (cause.getMessage() != null && cause.getMessage().contains("maxToolCallingRoundTrips")) {
            return "the model kept calling tools after it was told to answer";
        }
        return failures.describe(cause);
    }

    private void restore(String threadKey, List<ChatMessage> before) {
        // The stopped turn can no longer write (TurnMemoryStore), so this is the last word.
        if (before.isEmpty()) {
            memory.deleteMessages(threadKey);
        } else {
            memory.updateMessages(threadKey, before);
        }
    }
}
