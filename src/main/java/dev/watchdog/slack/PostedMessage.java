package dev.watchdog.slack;

/** A message in Slack: channel id and timestamp identify it for updates and thread replies. */
public record PostedMessage(String channel, String ts) {
}
