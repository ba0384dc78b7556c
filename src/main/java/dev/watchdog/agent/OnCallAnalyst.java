package dev.watchdog.agent;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import java.util.List;

/**
 * The AI service: the model with the read-only tools and the thread's memory, built by
 * LangChain4j's {@code AiServices}. One conversation per Slack thread ({@code threadKey}).
 *
 * <p>Messages are passed as a list of {@link Content} (one text), not as a {@code String}:
 * LangChain4j treats a String user message as a template and would try to fill in any
 * <code>{{...}}</code> found in an alert annotation or a question. Not as a single
 * {@code TextContent} either: LangChain4j 1.19 then sends the text twice.
 */
public interface OnCallAnalyst {

    /** The rendered {@code alert-analysis.md}: investigate and reply with the analysis as JSON. */
    Result<String> analyzeAlert(@MemoryId String threadKey, @UserMessage List<Content> request);

    /** The rendered {@code question.md}: answer a question asked in the thread. */
    Result<String> answerQuestion(@MemoryId String threadKey, @UserMessage List<Content> question);

    /** The analysis could not be used: the problems, and a request to reply again with valid JSON. */
    Result<String> correctAnalysis(@MemoryId String threadKey, @UserMessage List<Content> problems);
}
