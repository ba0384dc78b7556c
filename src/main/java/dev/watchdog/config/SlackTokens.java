package dev.watchdog.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The two tokens a real run needs. Checked only when running for real: check-config and
 * --dry-run work without them.
 */
public final class SlackTokens {

    private SlackTokens() {
    }

    /** Problems with the tokens, naming the variable the user has to set; empty when both are fine. */
    public static List<String> problems(WatchdogConfig config) {
        List<String> problems = new ArrayList<>();
        check(problems, config, "slack.bot-token", config.slack().botToken(), "xoxb-",
                "the Bot User OAuth Token from OAuth & Permissions");
        check(problems, config, "slack.app-token", config.slack().appToken(), "xapp-",
                "an App-Level Token with the connections:write scope, from Basic Information");
        return problems;
    }

    private static void check(List<String> problems, WatchdogConfig config, String key, String value, String prefix,
            String what) {
        String variable = config.unsetVariables().get(key);
        String name = variable != null ? variable : key;
        if (value.isBlank()) {
            problems.add(name + " is not set (" + key + " needs " + what + ", starting with " + prefix + ")");
        } else if (!value.startsWith(prefix)) {
            problems.add(name + " does not start with " + prefix + " (" + key + " needs " + what + ")");
        }
    }
}
