package dev.watchdog.agent;

/**
 * What one tool call of a turn returned to the model, redacted: what the analysis' evidence is checked against.
 *
 * @param arguments the arguments as the model sent them (JSON)
 * @param text      the result as the model read it
 */
public record ToolResult(String tool, String arguments, String text) {
}
