package dev.watchdog.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps a thread's conversation a bounded size however long the thread runs, so every follow-up
 * question costs about the same. A turn starts at a user message. The newest turns stay whole;
 * older ones keep their questions, the model's answers (cut) and which tools ran with which
 * arguments, but each tool result becomes one line and their requests keep their start. Past {@link #MAX_OLD_TURNS}, the oldest turns
 * go, except the first: the alert's analysis is what the thread is about. Tool calls keep their
 * results, so the conversation stays one the model accepts; compacting twice changes nothing.
 */
final class HistoryCompactor {

    static final int WHOLE_TURNS = 2;
    static final int MAX_OLD_TURNS = 6;
    static final int MAX_OLD_TEXT_CHARS = 1500;
    /** An old request is mostly the alert and instructions the newest request repeats; its question comes first. */
    static final int MAX_OLD_REQUEST_CHARS = 400;
    static final int MAX_SUMMARY_LINE_CHARS = 160;
    static final String SUMMARY_PREFIX = "[earlier result of ";

    private HistoryCompactor() {
    }

    /** The compacted conversation; the same list when there was nothing to compact. */
    static List<ChatMessage> compact(List<ChatMessage> messages) {
        List<ChatMessage> lead = new ArrayList<>();
        List<List<ChatMessage>> turns = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message instanceof UserMessage) {
                turns.add(new ArrayList<>());
            }
            if (turns.isEmpty()) {
                lead.add(message);
            } else {
                turns.get(turns.size() - 1).add(message);
            }
        }
        int old = turns.size() - WHOLE_TURNS;
        if (old <= 0) {
            return messages;
        }
        List<ChatMessage> out = new ArrayList<>(lead);
        for (int i = 0; i < turns.size(); i++) {
            boolean dropped = i > 0 && i < old - (MAX_OLD_TURNS - 1);
            if (dropped) {
                continue;
            }
            for (ChatMessage message : turns.get(i)) {
                out.add(i < old ? shortened(message) : message);
            }
        }
        return out.equals(messages) ? messages : out;
    }

    private static ChatMessage shortened(ChatMessage message) {
        if (message instanceof ToolExecutionResultMessage result) {
            return result.text().startsWith(SUMMARY_PREFIX) ? result
                    : ToolExecutionResultMessage.from(result.id(), result.toolName(), summary(result));
        }
        if (message instanceof UserMessage user && user.hasSingleText()) {
            String text = user.singleText();
            return text.length() <= MAX_OLD_REQUEST_CHARS ? user
                    : UserMessage.from(cut(text, MAX_OLD_REQUEST_CHARS));
        }
        if (message instanceof AiMessage ai && ai.text() != null && ai.text().length() > MAX_OLD_TEXT_CHARS) {
            return ai.hasToolExecutionRequests() ? AiMessage.from(cut(ai.text(), MAX_OLD_TEXT_CHARS),
                    ai.toolExecutionRequests()) : AiMessage.from(cut(ai.text(), MAX_OLD_TEXT_CHARS));
        }
        return message;
    }

    /** "[earlier result of search_logs, 5,812 characters, summarised] 412 error lines; top error: ..." */
    private static String summary(ToolExecutionResultMessage result) {
        String text = result.text() == null ? "" : result.text();
        String first = text.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("<tool-output") && !line.startsWith("</tool-output"))
                .findFirst().orElse("");
        if (first.length() > MAX_SUMMARY_LINE_CHARS) {
            first = first.substring(0, MAX_SUMMARY_LINE_CHARS - 1) + "…";
        }
        return SUMMARY_PREFIX + result.toolName() + ", " + NumberFormat.getIntegerInstance(Locale.US).format(
                text.length()) + " characters, summarised] " + first;
    }

    private static String cut(String text, int max) {
        return text.substring(0, max - 1) + "…";
    }
}
