package dev.watchdog.agent;

import java.time.Instant;

/**
 * One message of a Slack thread.
 *
 * @param author a Slack user id, or the bot's name
 * @param bot    true for messages posted by Watchdog or another bot
 * @param at     the message's time (its ts)
 */
public record ThreadMessage(String author, boolean bot, String text, Instant at) {
}
