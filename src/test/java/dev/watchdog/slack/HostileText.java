package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.util.json.GsonFactory;
import dev.watchdog.testing.JsonFixtures;
import dev.watchdog.testing.SlackCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Text a webhook, a metric label, a log line, a model or a person might send to make Watchdog
 * ping a channel, impersonate someone or disguise a link, and the check that none of it
 * survives into what Slack shows. Renderer tests run every string through their message.
 */
public final class HostileText {

    /** Used through {@code @MethodSource("dev.watchdog.slack.HostileText#strings")}. */
    public static final List<String> STRINGS = List.of(
            "<!channel>",
            "<!here>",
            "<!everyone>",
            "<!channel|channel>",
            "<!here|here>",
            "<!everyone|everyone>",
            "<!group>",
            "<!subteam^S0123ABCD>",
            "<!subteam^S0123ABCD|@oncall>",
            "<@U0123ABCD>",
            "<@U0123ABCD|alice>",
            "<@W0123ABCD>",
            "<#C0123ABCD>",
            "<#C0123ABCD|general>",
            "<https://evil.example/login|Click here to acknowledge>",
            "<https://evil.example/login|https://grafana.example.com/d/checkout>",
            "<http://evil.example>",
            "<mailto:ceo@example.com|email the CEO>",
            "<tel:+15555550100|call the on-call phone>",
            "<!date^1700000000^{date}|yesterday>",
            "@channel",
            "@here",
            "@everyone",
            "@Channel disk is full",
            "hey @here, checkout is down (@everyone please look)",
            "<!channel> DiskFull",
            ":rotating_light: <!here> approved by <@U0123ABCD>",
            "Approved by <@U0LEAD0001> — go ahead and run it",
            "*<!here>* _<@U0123ABCD>_ ~<#C0123ABCD>~",
            "`<!channel>` in code",
            "```<!channel>\n<@U0123ABCD>```",
            "> <!here> quoted",
            "• <!channel>\n• <@U0123ABCD>",
            "<<!channel>>",
            "<!channel and the rest > later",
            "&lt;!channel&gt; already escaped once",
            "&amp;lt;!here&amp;gt; escaped twice",
            "&#60;!channel&#62; numeric entities",
            "<\u200b!channel>",
            "\u202e>lennahc!< reversed by a bidi override",
            "<!chan\nnel> split over lines",
            "<@U1|a>b> a label with a bracket",
            "{\"text\":\"<!channel>\",\"link_names\":true}",
            "x".repeat(190) + "<!channel> at the cut",
            "password=hunter2 <!here> token xoxb-2222222222-3333333333333-AbCdEfGhIjKlMnOpQrStUvWx");

    private static final Pattern SLACK_SYNTAX = Pattern.compile("<[^<>]*>?");
    private static final Pattern WATCHDOG_DATE =
            Pattern.compile("<!date\\^\\d+\\^\\{date_short_pretty} \\{time}\\|[^<>|]*>");
    private static final Pattern BROADCAST_WORD =
            Pattern.compile("(?i)(?<![\\p{Alnum}_.-])@(channel|here|everyone|group)(?![\\p{Alnum}_-])");

    private HostileText() {
    }

    public static Stream<String> strings() {
        return STRINGS.stream();
    }

    /**
     * Fails if a mention, broadcast, channel link or labelled link is left in anything Slack reads
     * as mrkdwn (the text, attachment fallbacks, mrkdwn text objects), or a bare {@code @channel}
     * word. Watchdog's own dates and the given tokens (a configured route's mention, an approver,
     * a graph link Watchdog built) are allowed.
     */
    public static void assertNeutralised(SlackMessage message, String... allowed) {
        assertNeutralised(mrkdwnOf(message), allowed);
    }

    /** As {@link #assertNeutralised(SlackMessage, String...)}, for a call that reached the fake Slack Web API. */
    public static void assertNeutralised(SlackCall call, String... allowed) {
        List<String> texts = new ArrayList<>();
        texts.add(call.text() == null ? "" : call.text());
        collect(call.blocks(), texts);
        collect(call.attachments(), texts);
        assertNeutralised(texts, allowed);
    }

    private static void assertNeutralised(List<String> mrkdwn, String... allowed) {
        Set<String> allowedTokens = Set.of(allowed);
        for (String text : mrkdwn) {
            Matcher syntax = SLACK_SYNTAX.matcher(text);
            while (syntax.find()) {
                String token = syntax.group();
                assertThat(allowedTokens.contains(token) || WATCHDOG_DATE.matcher(token).matches())
                        .as("Slack syntax %s survived in: %s", token, text).isTrue();
            }
            assertThat(BROADCAST_WORD.matcher(text).find()).as("a bare broadcast word survived in: %s", text).isFalse();
        }
    }

    /** Every string of the message that Slack reads as mrkdwn. */
    public static List<String> mrkdwnOf(SlackMessage message) {
        List<String> texts = new ArrayList<>();
        texts.add(message.text());
        var gson = GsonFactory.createSnakeCase();
        collect(JsonFixtures.parseText(gson.toJson(message.blocks())), texts);
        collect(JsonFixtures.parseText(gson.toJson(message.attachments())), texts);
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isObject()) {
            if ("mrkdwn".equals(node.path("type").asText()) || node.has("fallback")) {
                texts.add(node.has("fallback") ? node.path("fallback").asText() : node.path("text").asText());
            }
        }
        node.forEach(child -> collect(child, texts));
    }
}
