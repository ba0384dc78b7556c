package dev.watchdog.agent;

/**
 * One tool call the model asked for in a turn.
 *
 * @param arguments the arguments as the model sent them (JSON), redacted
 * @param failed    true when it did not give the model a result: an error, a timeout, a refused
 *                  call (limit reached, unknown tool, bad arguments)
 */
public record ToolCallRecord(String tool, String arguments, boolean failed) {
}
