package dev.watchdog.testing;

/**
 * The ids of the one Slack workspace the fakes pretend to be. The JSON fixtures under
 * {@code src/test/resources/slack/} use the same values, so a test can assert on them by name.
 */
public final class FakeWorkspace {

    public static final String TEAM_ID = "T0WATCHDOG";
    public static final String TEAM_DOMAIN = "watchdog-test";
    public static final String APP_ID = "A0WATCHDOG";

    /** The bot user Watchdog posts as ({@code auth.test} user_id) and its bot id ({@code auth.test} bot_id). */
    public static final String BOT_USER_ID = "U0WATCHBOT";
    public static final String BOT_ID = "B0WATCHBOT";

    public static final String BOT_TOKEN = "xoxb-test";
    public static final String APP_TOKEN = "xapp-test";

    /** Where alerts go by default, and the on-call engineer who clicks and types in tests. */
    public static final String CHANNEL_ID = "C0ALERTS01";
    public static final String CHANNEL_NAME = "alerts";
    public static final String USER_ID = "U0ONCALL01";
    public static final String USER_NAME = "oncall.alice";

    private FakeWorkspace() {
    }
}
