package dev.watchdog.agent;

/**
 * Told of every refused call that could have been an attempt to act: a call of a tool that does
 * not exist, or a {@code propose_action} call refused before it reached the approval side.
 * Refused calls of the read-only tools are not attempts to act and are not reported.
 */
@FunctionalInterface
interface RefusedAttempts {

    RefusedAttempts NONE = (tool, arguments, why) -> { };

    void refused(String tool, String arguments, String why);
}
