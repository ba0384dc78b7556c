package dev.watchdog.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.security.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLogLayoutTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant AT = Instant.parse("2024-03-01T12:34:56.789Z");

    private final LoggerContext context = new LoggerContext();
    private final JsonLogLayout layout = new JsonLogLayout(Redactor::standard);

    JsonLogLayoutTest() {
        // A context made by hand has no MDC adapter; the one logback creates at startup does.
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void writesFixedFieldsThenContextFieldsInOrder() throws Exception {
        LoggingEvent event = event(Level.WARN, "rule {} is {}", null, "HighErrorRate", "firing");
        event.setMDCPropertyMap(orderedMap("alert", "4f2a9c0e", "rule", "HighErrorRate", "channel", "C0123",
                "thread_ts", "1712345678.123456"));

        JsonNode json = parse(layout.doLayout(event));

        assertThat(fieldNames(json))
                .containsExactly("ts", "level", "logger", "thread", "message", "alert", "rule", "channel", "thread_ts");
        assertThat(json.get("ts").asText()).isEqualTo("2024-03-01T12:34:56.789Z");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("dev.watchdog.alerting.RuleEvaluator");
        assertThat(json.get("thread").asText()).isEqualTo("poller-1");
        assertThat(json.get("message").asText()).isEqualTo("rule HighErrorRate is firing");
        assertThat(json.get("thread_ts").asText()).isEqualTo("1712345678.123456");
    }

    @Test
    void timestampKeepsMillisecondsWhenTheyAreZero() throws Exception {
        LoggingEvent event = event(Level.INFO, "x", null);
        event.setInstant(Instant.parse("2024-03-01T12:34:56Z"));

        assertThat(parse(layout.doLayout(event)).get("ts").asText()).isEqualTo("2024-03-01T12:34:56.000Z");
    }

    @Test
    void writesExactlyOneLineEvenForMultiLineMessages() {
        String line = layout.doLayout(event(Level.INFO, "first\nsecond \"quoted\"\ttab \u0001", null));

        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n", "\r");
    }

    @Test
    void escapesMessageSoItRoundTrips() throws Exception {
        String message = "first\nsecond \"quoted\" \\ back {\"json\": true} ünïcödé";

        assertThat(parse(layout.doLayout(event(Level.INFO, message, null))).get("message").asText())
                .isEqualTo(message);
    }

    @Test
    void addsErrorWithClassMessageAndCauseButNoErrorFieldWithoutException() throws Exception {
        Exception error = new IllegalStateException("poll failed", new java.io.IOException("connection refused"));

        JsonNode withError = parse(layout.doLayout(event(Level.ERROR, "boom", error)));
        JsonNode withoutError = parse(layout.doLayout(event(Level.ERROR, "boom", null)));

        String text = withError.get("error").asText();
        assertThat(text).startsWith("java.lang.IllegalStateException: poll failed\n\tat dev.watchdog.ops.JsonLogLayoutTest.");
        assertThat(text).contains("\nCaused by: java.io.IOException: connection refused");
        assertThat(fieldNames(withError)).last().isEqualTo("error");
        assertThat(withoutError.has("error")).isFalse();
    }

    @Test
    void errorShowsOnlyTheTopFramesOfADeepStack() throws Exception {
        Exception deep = recurse(60);

        String text = parse(layout.doLayout(event(Level.ERROR, "deep", deep))).get("error").asText();

        long frameLines = text.lines().filter(l -> l.startsWith("\tat ")).count();
        assertThat(frameLines).isEqualTo(CompactStackTrace.FRAMES_PER_THROWABLE);
        assertThat(text).containsPattern("\n\t\\.\\.\\. \\d+ more$");
    }

    @Test
    void contextKeysThatCollideWithFixedFieldsArePrefixed() throws Exception {
        LoggingEvent event = event(Level.INFO, "real message", null);
        event.setMDCPropertyMap(orderedMap("message", "from mdc", "level", "from mdc"));

        JsonNode json = parse(layout.doLayout(event));

        assertThat(json.get("message").asText()).isEqualTo("real message");
        assertThat(json.get("ctx_message").asText()).isEqualTo("from mdc");
        assertThat(json.get("ctx_level").asText()).isEqualTo("from mdc");
    }

    @Test
    void includesFluentApiKeyValuePairsAsFields() throws Exception {
        LoggingEvent event = event(Level.INFO, "posted", null);
        event.setMDCPropertyMap(Map.of());
        event.addKeyValuePair(new KeyValuePair("channel", "C0123"));
        event.addKeyValuePair(new KeyValuePair("attempt", 2));

        JsonNode json = parse(layout.doLayout(event));

        assertThat(json.get("channel").asText()).isEqualTo("C0123");
        assertThat(json.get("attempt").asText()).isEqualTo("2");
    }

    @Test
    void redactsMessageContextValuesAndError() {
        LoggingEvent event = event(Level.ERROR, "token xoxb-123-456-abc", new IllegalStateException(
                "app token xapp-1-A0123456789-1234567890123-abcdef rejected"));
        event.setMDCPropertyMap(orderedMap("url", "https://bob:hunter2@example.com/"));

        String line = layout.doLayout(event);

        assertThat(line).doesNotContain("xoxb-", "xapp-", "hunter2");
        assertThat(line).contains("token [REDACTED:slack-token]", "app token [REDACTED:slack-token] rejected",
                "https://bob:[REDACTED:url-password]@example.com/");
    }

    @Test
    void usesTheRedactorCurrentAtEachEvent() {
        Redactor[] current = {Redactor.standard()};
        JsonLogLayout switching = new JsonLogLayout(() -> current[0]);

        String before = switching.doLayout(event(Level.INFO, "key plain-configured-value", null));
        current[0] = Redactor.standard().alsoMasking(List.of("plain-configured-value"));
        String after = switching.doLayout(event(Level.INFO, "key plain-configured-value", null));

        assertThat(before).contains("plain-configured-value");
        assertThat(after).doesNotContain("plain-configured-value").contains("[REDACTED:configured-secret]");
    }

    private LoggingEvent event(Level level, String message, Throwable error, Object... args) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.watchdog.alerting.RuleEvaluator"),
                level, message, error, args);
        event.setInstant(AT);
        event.setThreadName("poller-1");
        return event;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static JsonNode parse(String line) throws Exception {
        return MAPPER.readTree(line);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Exception recurse(int depth) {
        return depth == 0 ? new IllegalArgumentException("deep") : recurse(depth - 1);
    }
}
