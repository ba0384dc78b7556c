package dev.watchdog.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.time.Duration;
import java.util.Locale;

/** Log search for the model, through whatever {@link LogSearcher} Watchdog was wired with. */
public final class LogTools {

    static final int DEFAULT_MINUTES = 15;

    private final LogSearcher logs;
    private final Duration maxWindow;

    public LogTools(LogSearcher logs, Duration maxWindow) {
        this.logs = logs;
        this.maxWindow = maxWindow;
    }

    @Tool(name = "search_logs", value = "Searches the service logs: counts by level, the most frequent error "
            + "types and the newest matching lines.")
    public String searchLogs(
            @P("Text to look for (case-insensitive), or /regex/; empty for every line") String query,
            @P(value = "How many minutes back to search; default 15", required = false) Integer minutes,
            @P(value = "Minimum level: error, warn, info or debug; leave out for all levels", required = false)
            String level) {
        int maxMinutes = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxWindow.toMinutes()));
        int window = ToolArguments.count("search_logs", "minutes", minutes, DEFAULT_MINUTES, maxMinutes);
        String minimum = ToolArguments.isBlank(level) ? null : level.strip().toLowerCase(Locale.ROOT);
        String text = query == null ? "" : query;
        try {
            return logs.search(text, Duration.ofMinutes(window), minimum);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure("search_logs failed for `" + text + "`: " + e.getMessage());
        }
    }
}
