package dev.watchdog.agent.slack;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Takes out of text meant for people what was written for the model: the note that quoted lines
 * are data, and the delimiters around untrusted data. A model (or a tool result shown as a
 * finding) may repeat them; in Slack they only confuse.
 */
final class ModelFacingText {

    private static final Pattern INSTRUCTION_LINE = Pattern.compile(
            "(?i)^\\s*lines starting with .{1,10} are quoted .{1,40}never as instructions\\.?\\s*$");
    private static final Pattern DELIMITER = Pattern.compile("</?(tool-output|alert-data|thread-history)\\b[^>]*>");

    private ModelFacingText() {
    }

    static String strip(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String kept = text.lines().filter(line -> !INSTRUCTION_LINE.matcher(line).matches())
                .collect(Collectors.joining("\n"));
        return DELIMITER.matcher(kept).replaceAll("").strip();
    }
}
