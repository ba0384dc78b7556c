package dev.watchdog.alerting.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.testing.Ack;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.BlockAction;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.FakeSlackApi;
import dev.watchdog.reports.FakeSlackUploads;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.JsonFixtures;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.SlashCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledge, snooze, reminders, routing and storms, through the real Bolt Socket Mode client:
 * clicks and commands go in as envelopes, and the exact Web API calls come out.
 */
class AlertExperienceEndToEndTest {

    private static final Duration TIMEOUT = SlackTestHarness.TIMEOUT;
    private static final String ERRORS = "checkout_error_ratio > 0.05";
    private static final String DISKS = "disk_used_ratio > 0.9";
    private static final String RULES = """
            alerting:
              repeat-interval: 4h
              snooze-options: [15m, 1h]
              storm-threshold: 10
              storm-window: 1m
            groups:
              - name: shop
                rules:
                  - alert: CheckoutErrors
                    expr: %s
                    labels: {severity: critical}
                    annotations: {summary: "checkout fails {{ $value }} of requests"}
                  - alert: DiskFull
                    expr: %s
                    labels: {severity: warning}
                    annotations: {summary: "{{ $labels.instance }} disk is full"}
            """.formatted(ERRORS, DISKS);
    private static final String ROUTES = """
              routes:
                - matchers: ['severity="critical"', 'team=~"pay.*"']
                  channel: C0PAYMENTS
                  mention: "@here"
            """;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
    private FakePrometheus prometheus;
    private SlackTestHarness slack;
    private RunningWatchdog watchdog;

    @BeforeEach
    void start() throws Exception {
        prometheus = new FakePrometheus();
        prometheus.nothingFor(ERRORS);
        prometheus.nothingFor(DISKS);
        slack = SlackTestHarness.start();
        watchdog = RunningWatchdog.start(slack, prometheus.url(), RULES, ROUTES, dir, clock);
        slack.socketMode().awaitConnected(TIMEOUT);
    }

    @AfterEach
    void stop() {
        watchdog.close();
        slack.close();
        prometheus.close();
    }

    private FakeSlackApi api() {
        return slack.api();
    }

    /** Fires CheckoutErrors (team checkout: default channel) and returns its post. */
    private SlackCall fireCheckoutErrors() {
        prometheus.answer(ERRORS, Map.of("team", "checkout"), 0.12);
        SlackCall post = api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);
        // Slack has the message a moment before Watchdog has recorded where it landed; clicks need both.
        Await.until(TIMEOUT, () -> watchdog.watchdog().store().byMessage(post.channel(), post.postedTs()).isPresent(),
                () -> "the alert's message was never recorded");
        return post;
    }

    private static String alertId(SlackCall post) {
        return SlackBlocks.byId(post.attachments().get(0), "alert-actions").path("elements").get(0).path("value").asText();
    }

    private Ack click(BlockAction action) {
        return slack.socketMode().awaitAck(slack.socketMode().sendBlockActions(action), TIMEOUT);
    }

    private String clickAndAwaitEphemeral(BlockAction action) {
        String envelope = slack.socketMode().sendBlockActions(action);
        slack.socketMode().awaitAck(envelope, TIMEOUT);
        JsonNode body = api().awaitResponseUrlPosts(envelope, 1, TIMEOUT).get(0);
        assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(body.path("replace_original").asBoolean(true)).isFalse();
        return body.path("text").asText();
    }

    private String command(String text) {
        return command(text, FakeWorkspace.USER_ID);
    }

    private String command(String text, String user) {
        Ack ack = slack.socketMode().awaitAck(slack.socketMode().sendSlashCommand(
                SlashCommand.watchdog(text).by(user, "someone")), TIMEOUT);
        assertThat(ack.payload().path("response_type").asText()).isEqualTo("ephemeral");
        return ack.payload().path("text").asText();
    }

    private SlackCall awaitUpdate(int count) {
        List<SlackCall> updates = api().awaitCalls("chat.update", count, TIMEOUT);
        return updates.get(updates.size() - 1);
    }

    private static String stateLine(SlackCall call) {
        return SlackBlocks.byId(call.attachments().get(0), "alert-state").path("elements").get(0).path("text").asText();
    }

    private List<SlackCall> threadReplies(SlackCall post) {
        return api().calls("chat.postMessage").stream().filter(call -> post.postedTs().equals(call.threadTs())).toList();
    }

    @Test
    void acknowledgeEditsTheMessageInPlaceAndUnacknowledgeUndoesIt() throws Exception {
        SlackCall post = fireCheckoutErrors();
        String id = alertId(post);

        Ack ack = click(BlockAction.button("alert_ack", id).onMessage(post.channel(), post.postedTs()));
        SlackCall acked = awaitUpdate(1);

        assertThat(ack.hasPayload()).isFalse();
        assertThat(acked.param("ts")).isEqualTo(post.postedTs());
        assertThat(acked.channel()).isEqualTo(post.channel());
        assertThat(stateLine(acked)).contains("Acknowledged by <@" + FakeWorkspace.USER_ID + ">");
        assertThat(SlackBlocks.actionIds(acked.attachments().get(0)))
                .containsExactly("alert_unack", "alert_snooze", "alert_investigate", "alert_graph",
                        "memory_what_was_it");
        assertThat(acked.attachments().get(0).path("color").asText()).isEqualTo("#9E9E9E");

        String expected = new String(getClass().getResourceAsStream("/slack/expected/acknowledged-alert.json")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("{id}", id)
                .replace("{user}", FakeWorkspace.USER_ID)
                .replace("{epoch}", Long.toString(clock.instant().getEpochSecond()))
                .replace("{prometheus}", prometheus.url());
        assertThat(acked.blocks()).isEqualTo(JsonFixtures.parseText("[{\"type\":\"section\",\"block_id\":"
                + "\"alert-title\",\"text\":{\"type\":\"mrkdwn\",\"text\":\":red_circle: *CheckoutErrors*  ·  CRITICAL"
                + "  ·  `#" + id + "`\"}}]"));
        assertThat(acked.attachments()).isEqualTo(JsonFixtures.parseText(expected));

        click(BlockAction.button("alert_unack", id).onMessage(post.channel(), post.postedTs()));
        SlackCall unacked = awaitUpdate(2);
        assertThat(stateLine(unacked)).doesNotContain("Acknowledged");
        assertThat(SlackBlocks.actionIds(unacked.attachments().get(0))).startsWith("alert_ack");
    }

    @Test
    void snoozeFromTheSelectShowsWhoAndUntilAndUnsnoozeEndsIt() {
        SlackCall post = fireCheckoutErrors();
        String id = alertId(post);

        click(BlockAction.staticSelect("alert_snooze", id + ":1h").onMessage(post.channel(), post.postedTs()));
        SlackCall snoozed = awaitUpdate(1);

        Instant until = clock.instant().plus(Duration.ofHours(1));
        assertThat(stateLine(snoozed)).contains("Snoozed by <@" + FakeWorkspace.USER_ID + "> until <!date^"
                + until.getEpochSecond());
        assertThat(SlackBlocks.actionIds(snoozed.attachments().get(0))).contains("alert_unsnooze")
                .doesNotContain("alert_snooze");

        click(BlockAction.button("alert_unsnooze", id).onMessage(post.channel(), post.postedTs()));
        assertThat(stateLine(awaitUpdate(2))).doesNotContain("Snoozed");
    }

    @Test
    void forgedStaleAndUnofferedClicksChangeNothingAndSayWhy() {
        SlackCall post = fireCheckoutErrors();
        String id = alertId(post);

        assertThat(clickAndAwaitEphemeral(BlockAction.staticSelect("alert_snooze", id + ":3h")
                .onMessage(post.channel(), post.postedTs())))
                .isEqualTo("3h is not a snooze that is offered; use 15m, 1h.");
        assertThat(clickAndAwaitEphemeral(BlockAction.button("alert_ack", "99999")
                .onMessage(post.channel(), post.postedTs())))
                .startsWith("This button does not name a known alert: nothing was changed.");
        assertThat(clickAndAwaitEphemeral(BlockAction.button("alert_ack", "1 OR 1=1")
                .onMessage(post.channel(), post.postedTs())))
                .startsWith("This button does not name a known alert");
        assertThat(clickAndAwaitEphemeral(BlockAction.button("alert_ack", id)
                .onMessage(post.channel(), "1000000000.000100")))
                .isEqualTo("That button does not belong to alert `#" + id + "`: nothing was changed.");
        assertThat(api().calls("chat.update")).isEmpty();
        assertThat(command("alerts")).doesNotContain("acknowledged", "snoozed");
    }

    @Test
    void investigateRunsTheInvestigatorInTheAlertsThread() {
        SlackCall post = fireCheckoutErrors();

        assertThat(clickAndAwaitEphemeral(BlockAction.button("alert_investigate", alertId(post))
                .onMessage(post.channel(), post.postedTs())))
                .isEqualTo("Investigating: the analysis comes in the alert's thread.");
        SlackCall placeholder = Await.value(TIMEOUT, () -> threadReplies(post).stream().findFirst(),
                () -> "no investigation in the thread");
        assertThat(placeholder.text()).startsWith(":mag: Investigating *CheckoutErrors*");
        SlackCall analysis = Await.value(TIMEOUT, () -> api().calls("chat.update").stream()
                .filter(call -> placeholder.postedTs().equals(call.param("ts"))).findFirst(),
                () -> "the placeholder was never replaced by the analysis");
        assertThat(analysis.blocks().toString()).contains("*Likely cause:* no root cause found in the evidence",
                "`checkout_error_ratio`", "no log sources are configured");
    }

    @Test
    void linkButtonsAreAcknowledged() {
        SlackCall post = fireCheckoutErrors();

        Ack ack = click(BlockAction.button("alert_graph", alertId(post)).onMessage(post.channel(), post.postedTs()));

        assertThat(ack.envelopeId()).isNotEmpty();
    }

    @Test
    void slashCommandsListAcknowledgeSnoozeAndUnsnoozeByShortId() {
        SlackCall post = fireCheckoutErrors();
        String id = alertId(post);

        assertThat(command("alerts")).contains("*Active alerts* (1)", "`#" + id + "` *CheckoutErrors* firing",
                "checkout fails 0.12 of requests");
        assertThat(command("ack #" + id)).startsWith(":white_check_mark: Acknowledged *CheckoutErrors* `#" + id + "`");
        assertThat(stateLine(awaitUpdate(1))).contains("Acknowledged by");
        assertThat(command("ack " + id, "U0SECOND01")).isEqualTo("*CheckoutErrors* `#" + id
                + "` was already acknowledged by <@" + FakeWorkspace.USER_ID + ">.");
        assertThat(command("snooze " + id + " 2h")).startsWith(":white_check_mark: Snoozed *CheckoutErrors* `#" + id
                + "` for 2h");
        assertThat(command("alerts")).contains("acknowledged by <@" + FakeWorkspace.USER_ID + ">", "snoozed until");
        assertThat(command("unsnooze " + id)).startsWith(":white_check_mark: Unsnoozed");
        assertThat(command("unsnooze " + id)).isEqualTo("*CheckoutErrors* `#" + id + "` is not snoozed.");
    }

    @Test
    void badSlashCommandArgumentsGetUsageAndChangeNothing() {
        SlackCall post = fireCheckoutErrors();
        String id = alertId(post);

        assertThat(command("ack")).startsWith("Usage: `/watchdog ack <id>`");
        assertThat(command("ack banana")).startsWith("There is no alert `banana`.");
        assertThat(command("snooze " + id)).startsWith("Usage: `/watchdog snooze <id> <duration>`");
        assertThat(command("snooze " + id + " forever")).startsWith("\"forever\" is not a duration");
        assertThat(command("snooze " + id + " 30d")).isEqualTo("30d is not a snooze that is offered; use a duration"
                + " from 1m to 7d.");
        assertThat(command("alerts now")).startsWith("\"now\" is not a matcher")
                .contains("Usage: `/watchdog alerts [label matchers] [page N]`");
        assertThat(api().calls("chat.update")).isEmpty();
    }

    @Test
    void acknowledgingAnAlertThatJustResolvedDoesNotBringItBack() {
        SlackCall post = fireCheckoutErrors();
        String id = alertId(post);
        prometheus.nothingFor(ERRORS);
        awaitUpdate(1);

        assertThat(clickAndAwaitEphemeral(BlockAction.button("alert_ack", id).onMessage(post.channel(), post.postedTs())))
                .contains("already resolved", "there is nothing to acknowledge");
        assertThat(command("alerts")).isEqualTo(":white_check_mark: No alerts are pending or firing.");
        assertThat(api().calls("chat.update")).hasSize(1);
    }

    @Test
    void twoPeopleAcknowledgingAtOnceLeaveOneConsistentState() {
        SlackCall post = fireCheckoutErrors();
        String id = alertId(post);

        List<String> envelopes = new ArrayList<>();
        envelopes.add(slack.socketMode().sendBlockActions(BlockAction.button("alert_ack", id)
                .onMessage(post.channel(), post.postedTs()).by("U0FIRST001", "first")));
        envelopes.add(slack.socketMode().sendBlockActions(BlockAction.button("alert_ack", id)
                .onMessage(post.channel(), post.postedTs()).by("U0SECOND01", "second")));
        envelopes.forEach(envelope -> slack.socketMode().awaitAck(envelope, TIMEOUT));

        List<JsonNode> refusals = Await.value(TIMEOUT, () -> {
            List<JsonNode> posts = new ArrayList<>();
            envelopes.forEach(envelope -> posts.addAll(api().responseUrlPosts(envelope)));
            return posts.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(posts);
        }, () -> "the second click was not told why nothing changed");
        SlackCall acked = awaitUpdate(1);
        String winner = stateLine(acked).contains("U0FIRST001") ? "U0FIRST001" : "U0SECOND01";
        assertThat(refusals).singleElement().satisfies(refusal -> assertThat(refusal.path("text").asText())
                .isEqualTo("*CheckoutErrors* `#" + id + "` was already acknowledged by <@" + winner + ">."));
        assertThat(command("alerts")).contains("acknowledged by <@" + winner + ">");
    }

    @Test
    void anUnacknowledgedAlertIsRemindedInItsThreadEveryRepeatInterval() {
        SlackCall post = fireCheckoutErrors();

        clock.advance(Duration.ofHours(4));
        SlackCall reminder = Await.value(TIMEOUT, () -> threadReplies(post).stream().findFirst(),
                () -> "no reminder in the thread");

        assertThat(reminder.text()).isEqualTo(":alarm_clock: Still firing after 4h, value 0.12 (threshold &gt; 0.05)."
                + " Nobody has acknowledged it yet.");
        command("ack " + alertId(post));
        clock.advance(Duration.ofHours(5));
        prometheus.awaitQueries(6, TIMEOUT);
        assertThat(threadReplies(post)).as("an acknowledged alert is not reminded").hasSize(1);
    }

    @Test
    void whenASnoozeEndsWhileStillFiringTheSnoozerIsToldInTheThread() {
        SlackCall post = fireCheckoutErrors();
        command("snooze " + alertId(post) + " 15m");
        awaitUpdate(1);

        clock.advance(Duration.ofMinutes(16));
        SlackCall told = Await.value(TIMEOUT, () -> threadReplies(post).stream().findFirst(),
                () -> "nobody was told the snooze ended");

        assertThat(told.text()).isEqualTo("<@" + FakeWorkspace.USER_ID + "> the snooze has ended and *CheckoutErrors*"
                + " is still firing.");
        assertThat(stateLine(awaitUpdate(2))).doesNotContain("Snoozed");
    }

    @Test
    void criticalAlertsOfAMatchingRouteGoToItsChannelWithTheMentionOthersToTheDefault() {
        prometheus.answer(ERRORS, Map.of("team", "payments"), 0.2);
        prometheus.answer(DISKS, Map.of("instance", "db-1", "team", "payments"), 0.95);

        List<SlackCall> posts = api().awaitCalls("chat.postMessage", 2, TIMEOUT);

        SlackCall critical = posts.stream().filter(call -> call.text().contains("CheckoutErrors")).findFirst().orElseThrow();
        SlackCall warning = posts.stream().filter(call -> call.text().contains("DiskFull")).findFirst().orElseThrow();
        assertThat(critical.channel()).isEqualTo("C0PAYMENTS");
        assertThat(critical.blocks().get(0).path("text").path("text").asText()).startsWith("<!here> :red_circle:");
        assertThat(warning.channel()).isEqualTo(FakeWorkspace.CHANNEL_ID);
        assertThat(warning.blocks().get(0).path("text").path("text").asText()).startsWith(":large_orange_circle:");
    }

    @Test
    void aRateLimitedPostIsRetriedAfterRetryAfter() {
        api().respondOnceTo("chat.postMessage", FakeSlackApi.rateLimited(1));

        prometheus.answer(ERRORS, Map.of("team", "checkout"), 0.12);

        List<SlackCall> attempts = api().awaitCalls("chat.postMessage", 2, TIMEOUT);
        assertThat(attempts.get(0).response().path("error").asText()).isEqualTo("ratelimited");
        assertThat(attempts.get(1).postedTs()).isNotNull();
        assertThat(attempts.get(1).text()).startsWith("[FIRING] CheckoutErrors");
    }

    @Test
    void aStormOfAHundredAlertsIsOneMessageUpdatedInPlaceWithNothingInItsThreadPerAlert() {
        SlackCall storm = diskStorm(100);
        SlackCall latest = awaitStormShows(storm, "Alert storm: 100 alerts, 100 firing");

        List<SlackCall> posts = api().calls("chat.postMessage");
        assertThat(posts.stream().filter(call -> call.threadTs() == null))
                .as("alerts that arrive together past the threshold: the storm's one message only").hasSize(1);
        assertThat(posts.stream().filter(call -> call.text().startsWith("[FIRING] DiskFull"))).isEmpty();
        assertThat(posts.stream().filter(call -> storm.postedTs().equals(call.threadTs())))
                .as("no alert is posted in the storm's thread").isEmpty();
        assertThat(SlackBlocks.byId(latest.blocks(), "storm-counts").path("text").path("text").asText())
                .isEqualTo("*By alert*: DiskFull ×100");
        assertThat(SlackBlocks.byId(latest.blocks(), "storm-severities").path("text").path("text").asText())
                .isEqualTo("*By severity*: warning 100 (100 firing)");
        assertThat(SlackBlocks.byId(latest.blocks(), "storm-actions").path("elements").findValuesAsText("action_id"))
                .containsExactly("storm_full_list", "storm_ack_all");
        assertThat(api().calls("chat.update").stream().filter(call -> storm.postedTs().equals(call.param("ts"))))
                .as("updates of the storm's message are coalesced").hasSizeLessThan(10);
        assertThat(command("alerts")).startsWith("*Active alerts* (100), worst first, page 1 of 5")
                .contains(", in alert storm ").endsWith("`/watchdog alerts page 2` for more.");
        assertThat(command("alerts page 6")).isEqualTo("There is no page 6: 100 alerts make 5 pages of 20.");
    }

    @Test
    void theStormsButtonsAcknowledgeEveryAlertAndUploadTheFullList() {
        FakeSlackUploads uploads = FakeSlackUploads.on(api());
        SlackCall someAlert = fireCheckoutErrors();
        SlackCall storm = diskStorm(20);
        SlackCall shown = awaitStormShows(storm, "Alert storm: 20 alerts, 20 firing");
        String stormId = SlackBlocks.byId(shown.blocks(), "storm-actions").path("elements").get(0).path("value")
                .asText();

        assertThat(clickAndAwaitEphemeral(BlockAction.button("storm_ack_all", stormId)
                .onMessage(someAlert.channel(), someAlert.postedTs())))
                .as("a click that does not come from the storm's message").startsWith("This button does not belong");
        assertThat(clickAndAwaitEphemeral(BlockAction.button("storm_ack_all", "999")
                .onMessage(storm.channel(), storm.postedTs()))).startsWith("This button does not belong");
        assertThat(clickAndAwaitEphemeral(BlockAction.button("storm_ack_all", stormId)
                .onMessage(storm.channel(), storm.postedTs())))
                .isEqualTo(":white_check_mark: Acknowledged 20 firing alert(s) of this storm."
                        + " `/watchdog unack <id>` takes one back.");
        Await.until(TIMEOUT, () -> api().calls("chat.update").stream()
                .filter(call -> storm.postedTs().equals(call.param("ts")))
                .anyMatch(call -> SlackBlocks.byId(call.blocks(), "storm-note").toString()
                        .contains("20 of 20 firing acknowledged")), () -> "the storm's message never showed the acks");
        assertThat(clickAndAwaitEphemeral(BlockAction.button("storm_ack_all", stormId)
                .onMessage(storm.channel(), storm.postedTs())))
                .isEqualTo("Every firing alert of this storm is acknowledged already: nothing was changed.");

        click(BlockAction.button("storm_full_list", stormId).onMessage(storm.channel(), storm.postedTs()));
        SlackCall shared = api().awaitCalls("files.completeUploadExternal", 1, TIMEOUT).get(0);

        assertThat(shared.param("channel_id")).isEqualTo(storm.channel());
        assertThat(shared.param("thread_ts")).isEqualTo(storm.postedTs());
        String list = uploads.uploads().get(0).getBodyAsString();
        List<String> lines = List.of(list.split("\n"));
        assertThat(lines.get(0)).isEqualTo("id\talertname\tseverity\tstate\tacknowledged_by\tstarted\tlabels");
        assertThat(lines.subList(1, lines.size())).hasSize(20).allSatisfy(line -> assertThat(line)
                .matches("[0-9]+\tDiskFull\twarning\tfiring\t" + FakeWorkspace.USER_ID + "\t\\S+\t.*instance=node-[0-9]+.*"));
    }

    @Test
    void aWorkspaceThatRefusesUploadsIsToldToPageThroughTheAlerts() {
        api().respondTo("files.getUploadURLExternal", "{\"ok\":false,\"error\":\"missing_scope\"}");
        SlackCall storm = diskStorm(12);
        String stormId = SlackBlocks.byId(awaitStormShows(storm, "Alert storm: 12 alerts, 12 firing").blocks(),
                "storm-actions").path("elements").get(0).path("value").asText();

        assertThat(clickAndAwaitEphemeral(BlockAction.button("storm_full_list", stormId)
                .onMessage(storm.channel(), storm.postedTs()))).isEqualTo(StormButtons.NO_UPLOADS);
    }

    /** {@code count} disks fill up in one poll: the storm message that stands for them. */
    private SlackCall diskStorm(int count) {
        List<Map<String, String>> disks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            disks.add(Map.of("instance", "node-" + i));
        }
        prometheus.answer(DISKS, disks, 0.97);
        return Await.value(Duration.ofSeconds(60), () -> api().calls("chat.postMessage").stream()
                .filter(call -> call.text().startsWith("Alert storm: ")).findFirst(), () -> "no storm message");
    }

    /** The storm's message as it is once it says {@code text} (posted so, or edited to it). */
    private SlackCall awaitStormShows(SlackCall storm, String text) {
        if (storm.text().equals(text)) {
            return storm;
        }
        return Await.value(Duration.ofSeconds(30), () -> api().calls("chat.update").stream()
                .filter(call -> storm.postedTs().equals(call.param("ts")))
                .filter(call -> call.text().equals(text)).findFirst(),
                () -> "the storm's message never said " + text + ": " + api().calls("chat.update"));
    }
}
