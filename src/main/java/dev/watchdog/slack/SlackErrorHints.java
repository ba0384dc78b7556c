package dev.watchdog.slack;

/**
 * What a person can do about a Slack failure, in words for {@code /watchdog status} and the log. Slack's error codes
 * are precise but say nothing about Watchdog's config; these hints name the setting or command that fixes it.
 */
public final class SlackErrorHints {

    private SlackErrorHints() {
    }

    /** A hint for {@code failure} on {@code channel} (as configured, e.g. {@code #alerts}, or an id). */
    public static String hintFor(SlackCallFailed failure, String channel) {
        if (SlackFailureClassifier.classify(failure).retryable()) {
            return "Slack kept failing (" + describeStatus(failure) + "); nothing in the config needs to change."
                    + " Check https://status.slack.com and that Watchdog can reach Slack;"
                    + " later messages are tried again";
        }
        return hintFor(failure.error(), failure.method(), channel);
    }

    static String hintFor(String error, String method, String channel) {
        return switch (error) {
            case "not_in_channel" -> "invite the bot: /invite @watchdog in " + channel;
            case "channel_not_found" -> "check slack.channel / routes: the bot cannot see " + channel
                    + " (a private channel needs /invite @watchdog first)";
            case "is_archived" -> channel + " is archived: unarchive it or change slack.channel / routes";
            case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired" ->
                    "check SLACK_BOT_TOKEN (slack.bot-token): Slack refused it (" + error + "); reinstall the app"
                            + " if the token was revoked";
            case "missing_scope" -> "the Slack app lacks an OAuth scope " + method + " needs: add it under"
                    + " OAuth & Permissions and reinstall the app";
            case "no_permission", "restricted_action", "ekm_access_denied" ->
                    "the bot may not post in " + channel + ": check the channel's posting permissions";
            case "msg_too_long", "invalid_blocks", "invalid_blocks_format", "no_text", "too_many_attachments",
                    "invalid_metadata_format", "invalid_arguments" ->
                    "Slack refused the message Watchdog built (" + error + "); please report this as a Watchdog bug";
            case "message_not_found", "cant_update_message", "edit_window_closed" ->
                    "the message can no longer be edited (deleted, or edits are restricted); new alerts still post";
            default -> "see https://api.slack.com/methods/" + method + "#errors for " + error;
        };
    }

    private static String describeStatus(SlackCallFailed failure) {
        return switch (failure.httpStatus()) {
            case SlackCallFailed.NO_HTTP_ANSWER -> "no answer: " + failure.error();
            case 200 -> failure.error();
            default -> "HTTP " + failure.httpStatus();
        };
    }
}
