package dev.watchdog.boot;

import dev.watchdog.slack.SlackBot;
import dev.watchdog.slack.SlashCommandRouter;

/**
 * One capability of Watchdog (alerting, the investigator, approvals). Its class builds it from
 * its settings and the {@link Core}, registers its Slack surfaces and starts its routines, so a new
 * capability is one new class and one line in {@code Watchdog}. The core calls each feature in the
 * order they are listed, and closes them in reverse.
 */
public interface Feature extends AutoCloseable {

    /** Registers its buttons, events and {@code /watchdog} sub-commands; a dry run has no Slack and skips this. */
    default void registerSlack(SlackBot bot, SlashCommandRouter commands) {
    }

    /** Starts its routines, once every feature is registered and Slack is connected. */
    default void start() {
    }

    /** Stops what it started; the threads it got from the core are stopped by the core. */
    @Override
    default void close() {
    }
}
