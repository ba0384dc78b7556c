package dev.watchdog.slack;

import dev.watchdog.security.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two tokens a real run needs. Checked only when running for real: check-config and
 * --dry-run work without them.
 */
public final class SlackTokens {

    private SlackTokens() {
    }

    /**
     * Problems with the tokens, naming the variable the user has to set; empty when both are fine.
     *
     * @param unsetVariables key path to the ${VARIABLE} it referenced that was not set
     */
    public static List<String> problems(SlackSettings slack, Map<String, String> unsetVariables) {
        List<String> problems = new ArrayList<>();
        check(problems, unsetVariables, "slack.bot-token", slack.botToken(), "xoxb-",
                "the Bot User OAuth Token from OAuth & Permissions");
        check(problems, unsetVariables, "slack.app-token", slack.appToken(), "xapp-",
                "an App-Level Token with the connections:write scope, from Basic Information");
        return problems;
    }

    private static void check(List<String> problems, Map<String, String> unsetVariables, String key, Secret value,
            String prefix, String what) {
        String variable = unsetVariables.get(key);
        String name = variable != null ? variable : key;
        if (value.isEmpty()) {
            problems.add(name + " is not set (" + key + " needs " + what + ", starting with " + prefix + ")");
        } else if (!value.reveal().startsWith(prefix)) {
            problems.add(name + " does not start with " + prefix + " (" + key + " needs " + what + ")");
        }
    }
}
