package dev.watchdog.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.watchdog.slack.Sleeper;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the model again after a failure that may pass (429, 5xx, timeout, dropped connection), at
 * most {@code maxRetries} times with a growing pause. LangChain4j can retry too, but it sleeps on
 * the calling thread with no way to inject the wait, and retries nearly everything; the models
 * are built with its retries off and this decides instead.
 */
final class RetryingChatModel extends DelegatingChatModel {

    private static final Logger log = LoggerFactory.getLogger(RetryingChatModel.class);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

    private final int maxRetries;
    private final Sleeper sleeper;

    RetryingChatModel(ChatModel delegate, int maxRetries, Sleeper sleeper) {
        super(delegate);
        if (maxRetries < 0 || maxRetries > 5) {
            throw new IllegalArgumentException("max retries must be between 0 and 5, was " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call(request);
            } catch (RuntimeException failure) {
                if (attempt >= maxRetries || !ModelFailures.isRetriable(failure) || Thread.currentThread().isInterrupted()) {
                    throw failure;
                }
                Duration pause = FIRST_PAUSE.multipliedBy(1L << attempt);
                log.warn("The model call failed ({}); retrying in {} ({} of {})", failure.getClass().getSimpleName(),
                        pause, attempt + 1, maxRetries);
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }
}
