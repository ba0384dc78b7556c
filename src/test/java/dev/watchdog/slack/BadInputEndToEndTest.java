package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchdog.testing.Ack;
import dev.watchdog.testing.Await;
import dev.watchdog.testing.BlockAction;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.FakeSocketModeServer;
import dev.watchdog.testing.JsonFixtures;
import dev.watchdog.testing.LogCapture;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import dev.watchdog.testing.SlashCommand;
import dev.watchdog.testing.StoreSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every file under {@code src/test/resources/bad-input/} is one envelope Slack could send Watchdog, from
 * a click on a button an older Watchdog rendered to a frame that is not JSON. Each goes through the real
 * Bolt Socket Mode client of a running Watchdog that has a firing alert in Slack, and must be acked,
 * answered exactly where a person waits for an answer, logged at most once at WARN, and change nothing
 * in the store.
 *
 * <p>A case file holds {@code why}, the frame ({@code payload} wrapped in the envelope its folder names,
 * a whole {@code envelope}, or {@code raw} text sent as is) and {@code expect}: {@code acked} (default
 * true; false for frames that name no envelope), {@code ack_text} (the ack's text, else it has none;
 * or {@code ack_text_starts}, how it starts),
 * {@code reply} (the one ephemeral post to the response_url, else none), {@code ephemeral} (one
 * {@code chat.postEphemeral}), {@code warn} (the one WARN line, else none). Strings may use
 * {@code ${ENVELOPE_ID}}, {@code ${RESPONSE_URL}}, {@code ${ALERT_ID}}, {@code ${ALERT_TS}} and
 * {@code ${USAGE}}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputEndToEndTest {

    private static final Duration TIMEOUT = SlackTestHarness.TIMEOUT;
    private static final String EXPR = "checkout_error_ratio > 0.05";
    private static final String RULES = """
            groups:
              - name: shop
                rules:
                  - alert: CheckoutErrors
                    expr: %s
                    labels: {severity: critical}
                    annotations: {summary: "checkout fails"}
            """.formatted(EXPR);
    private static final Map<String, String> ENVELOPE_TYPES = Map.of("slash", "slash_commands",
            "block_actions", "interactive", "view_submission", "interactive", "events", "events_api");
    /** Refused approval clicks are audited on purpose (fail closed, and say so); nothing else may be written. */
    private static final Predicate<String> AUDITED_REFUSALS = row -> row.startsWith("audit |")
            && row.contains("event=refused");

    private record Case(String name, String folder, JsonNode file) {

        JsonNode expect() {
            return file.path("expect");
        }

        String expected(String field, Map<String, String> values) {
            return expect().has(field) ? fill(expect().get(field).asText(), values) : null;
        }
    }

    private Path dir;
    private FakePrometheus prometheus;
    private SlackTestHarness slack;
    private RunningWatchdog watchdog;
    private LogCapture logs;
    private int firstMark;
    private Map<String, List<String>> storeBefore;
    private final Map<String, String> values = new java.util.HashMap<>();
    private final List<Case> cases = new ArrayList<>();

    @BeforeAll
    void startWatchdogWithAnAlertInSlack() throws Exception {
        dir = Files.createTempDirectory("bad-input");
        prometheus = new FakePrometheus();
        prometheus.answer(EXPR, Map.of("team", "checkout"), 0.12);
        slack = SlackTestHarness.start();
        watchdog = RunningWatchdog.start(slack, prometheus.url(), RULES, "", dir,
                new MutableClock(Instant.parse("2026-11-22T02:00:00Z")));
        slack.socketMode().awaitConnected(TIMEOUT);
        SlackCall post = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);
        Await.until(TIMEOUT, () -> watchdog.watchdog().store().byMessage(post.channel(), post.postedTs()).isPresent(),
                () -> "the alert's message was never recorded");
        values.put("ALERT_TS", post.postedTs());
        values.put("ALERT_ID", SlackBlocks.byId(post.attachments().get(0), "alert-actions").path("elements").get(0)
                .path("value").asText());
        String unknown = ack(slack.socketMode().sendSlashCommand(SlashCommand.watchdog("zzz"))).payload()
                .path("text").asText();
        values.put("USAGE", unknown.substring(unknown.indexOf("Usage: ")));
        logs = LogCapture.open();
        firstMark = logs.mark();
        storeBefore = store();
    }

    @AfterAll
    void stop() {
        if (logs != null) {
            logs.close();
        }
        watchdog.close();
        slack.close();
        prometheus.close();
    }

    @TestFactory
    Stream<DynamicTest> everyEnvelopeIsAckedAnsweredAndChangesNothing() {
        cases.addAll(load());
        assertThat(cases).hasSizeGreaterThanOrEqualTo(120);
        Stream<DynamicTest> each = cases.stream()
                .map(each1 -> dynamicTest(each1.folder() + "/" + each1.name(), () -> run(each1)));
        return Stream.concat(each, Stream.of(dynamicTest("afterwards: no late answers, nothing stored, no errors",
                this::nothingElseHappened)));
    }

    private void run(Case badInput) {
        String envelopeId = "bad-" + badInput.folder() + "-" + badInput.name().replace(".json", "");
        Map<String, String> filled = new java.util.HashMap<>(values);
        filled.put("ENVELOPE_ID", envelopeId);
        filled.put("RESPONSE_URL", slack.api().responseUrlBase() + envelopeId);
        int mark = logs.mark();
        int ephemerals = slack.api().calls("chat.postEphemeral").size();

        socketMode().sendRaw(envelopeId, frame(badInput, filled));

        if (badInput.expect().path("acked").asBoolean(true)) {
            Ack ack = socketMode().awaitAck(envelopeId, TIMEOUT);
            String text = ack.payload().path("text").isMissingNode() ? null : ack.payload().path("text").asText();
            String start = badInput.expected("ack_text_starts", filled);
            if (start == null) {
                assertThat(text).as("the ack's text").isEqualTo(badInput.expected("ack_text", filled));
            } else {
                assertThat(text).as("the ack's text").startsWith(start);
            }
        } else {
            ack(socketMode().sendSlashCommand(SlashCommand.watchdog("help")));
            assertThat(socketMode().ackFor(envelopeId)).isEmpty();
        }
        String warn = badInput.expected("warn", filled);
        if (warn != null) {
            // Several threads take frames off the client's queue: a frame with no envelope is logged, not acked.
            Await.until(TIMEOUT, () -> !logs.since(mark, Level.WARN).isEmpty(), () -> "nothing logged at WARN");
        }
        String reply = badInput.expected("reply", filled);
        if (reply != null) {
            JsonNode body = slack.api().awaitResponseUrlPosts(envelopeId, 1, TIMEOUT).get(0);
            assertThat(body.path("text").asText()).isEqualTo(reply);
            assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(body.path("replace_original").asBoolean(true)).isFalse();
        }
        String ephemeral = badInput.expected("ephemeral", filled);
        if (ephemeral != null) {
            SlackCall call = slack.api().awaitCalls("chat.postEphemeral", ephemerals + 1, TIMEOUT).get(ephemerals);
            assertThat(call.text()).isEqualTo(ephemeral);
        }
        List<ILoggingEvent> warnings = logs.since(mark, Level.WARN);
        if (warn == null) {
            assertThat(warnings).as("WARN or worse: %s", LogCapture.describe(warnings)).isEmpty();
        } else {
            assertThat(warnings).as("WARN or worse: %s", LogCapture.describe(warnings)).singleElement()
                    .satisfies(event -> assertThat(event.getFormattedMessage()).contains(warn))
                    .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
        }
    }

    private void nothingElseHappened() {
        // Stale-button notes go out one at a time: once this one is out, every earlier one is.
        String last = socketMode().sendBlockActions(BlockAction.button("zz_no_such_button", "x"));
        ack(last);
        slack.api().awaitResponseUrlPosts(last, 1, TIMEOUT);
        for (Case badInput : cases) {
            String envelopeId = "bad-" + badInput.folder() + "-" + badInput.name().replace(".json", "");
            assertThat(slack.api().responseUrlPosts(envelopeId)).as("response_url posts for %s", badInput.name())
                    .hasSize(badInput.expect().has("reply") ? 1 : 0);
        }
        assertThat(slack.api().calls("chat.postEphemeral"))
                .hasSize((int) cases.stream().filter(badInput -> badInput.expect().has("ephemeral")).count());
        List<ILoggingEvent> errors = logs.since(firstMark, Level.ERROR);
        assertThat(errors).as("ERROR lines: %s", LogCapture.describe(errors)).isEmpty();
        assertThat(store()).isEqualTo(storeBefore);
    }

    private static String frame(Case badInput, Map<String, String> values) {
        JsonNode file = badInput.file();
        if (file.has("raw")) {
            return fill(file.get("raw").asText(), values);
        }
        ObjectNode envelope;
        if (file.has("envelope")) {
            envelope = (ObjectNode) file.get("envelope").deepCopy();
        } else {
            envelope = JsonFixtures.JSON.createObjectNode().put("envelope_id", "${ENVELOPE_ID}")
                    .put("type", ENVELOPE_TYPES.get(badInput.folder()))
                    .put("accepts_response_payload", badInput.folder().equals("slash"));
            envelope.set("payload", file.get("payload").deepCopy());
        }
        return fill(JsonFixtures.write(envelope), values);
    }

    private static String fill(String text, Map<String, String> values) {
        String filled = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace("${" + value.getKey() + "}", value.getValue());
        }
        return filled;
    }

    private Ack ack(String envelopeId) {
        return socketMode().awaitAck(envelopeId, TIMEOUT);
    }

    private FakeSocketModeServer socketMode() {
        return slack.socketMode();
    }

    private Map<String, List<String>> store() {
        return StoreSnapshot.of(dir.resolve("watchdog.db"), AUDITED_REFUSALS);
    }

    private static List<Case> load() {
        List<Case> loaded = new ArrayList<>();
        try {
            Path root = Path.of(BadInputEndToEndTest.class.getResource("/bad-input").toURI());
            for (String folder : ENVELOPE_TYPES.keySet().stream().sorted().toList()) {
                try (Stream<Path> files = Files.list(root.resolve(folder))) {
                    for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                        loaded.add(new Case(file.getFileName().toString(), folder,
                                JsonFixtures.parseText(Files.readString(file, StandardCharsets.UTF_8))));
                    }
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (URISyntaxException failure) {
            throw new IllegalStateException(failure);
        }
        return loaded;
    }
}
