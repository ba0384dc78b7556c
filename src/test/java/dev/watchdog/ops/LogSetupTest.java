package dev.watchdog.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.security.Redactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

class LogSetupTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    LogSetupTest() {
        // A context made by hand has no MDC adapter; share the one behind org.slf4j.MDC.
        context.setMDCAdapter(MDC.getMDCAdapter());
    }

    @AfterEach
    void stopContextAndClearMdc() {
        context.stop();
        MDC.clear();
    }

    @Test
    void defaultsToJsonLinesAtInfo() throws Exception {
        configure(Map.of());
        Logger log = context.getLogger("dev.watchdog.alerting.RuleEvaluator");

        MDC.put("alert", "4f2a9c0e");
        MDC.put("rule", "HighErrorRate");
        log.info("alert {} fired", "HighErrorRate");
        log.debug("hidden at INFO");

        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode json = MAPPER.readTree(lines.get(0));
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("ts", "level", "logger", "thread", "message", "alert", "rule");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("message").asText()).isEqualTo("alert HighErrorRate fired");
        assertThat(json.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(json.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void textModeWritesOneReadableLinePerEventWithContextAndStackTrace() {
        configure(Map.of(LogSetup.FORMAT_VARIABLE, "text"));
        Logger log = context.getLogger("dev.watchdog.alerting.RuleEvaluator");

        MDC.put("alert", "4f2a9c0e");
        log.info("alert fired");
        MDC.clear();
        log.error("poll failed", new IllegalStateException("prometheus unreachable"));

        List<String> lines = lines();
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[[^]]+] "
                + "dev\\.watchdog\\.alerting\\.RuleEvaluator - alert fired \\{alert=4f2a9c0e}");
        assertThat(lines.get(1)).endsWith("ERROR [" + Thread.currentThread().getName()
                + "] dev.watchdog.alerting.RuleEvaluator - poll failed");
        assertThat(lines.get(2)).isEqualTo("java.lang.IllegalStateException: prometheus unreachable");
        assertThat(lines.get(3)).startsWith("\tat dev.watchdog.ops.LogSetupTest.");
        assertThat(lines).noneMatch(line -> line.startsWith("{"));
    }

    @Test
    void formatAndLevelAreCaseInsensitive() {
        configure(Map.of(LogSetup.FORMAT_VARIABLE, " TEXT ", LogSetup.LEVEL_VARIABLE, "debug"));

        context.getLogger("dev.watchdog.Test").debug("visible");

        assertThat(lines()).singleElement().asString().contains("DEBUG", "visible").doesNotStartWith("{");
    }

    @Test
    void levelComesFromTheEnvironment() {
        configure(Map.of(LogSetup.LEVEL_VARIABLE, "WARN"));
        Logger log = context.getLogger("dev.watchdog.Test");

        log.info("hidden");
        log.warn("shown");

        assertThat(lines()).singleElement().asString().contains("\"shown\"");
    }

    @Test
    void noisyLibrariesStayAtWarnUnlessTheRootLevelIsStricter() {
        configure(Map.of(LogSetup.LEVEL_VARIABLE, "DEBUG"));
        for (String name : List.of("com.slack.api.bolt.App", "org.glassfish.tyrus.client", "okhttp3.OkHttpClient",
                "com.zaxxer.hikari.HikariDataSource")) {
            assertThat(context.getLogger(name).getEffectiveLevel()).as(name).isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("dev.watchdog.Test").isDebugEnabled()).isTrue();

        configure(Map.of(LogSetup.LEVEL_VARIABLE, "ERROR"));
        assertThat(context.getLogger("com.slack.api").getEffectiveLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void unknownFormatAndLevelFallBackToDefaultsAndSaySo() throws Exception {
        configure(Map.of(LogSetup.FORMAT_VARIABLE, "xml", LogSetup.LEVEL_VARIABLE, "verbose"));

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(MAPPER.readTree(lines.get(0)).get("message").asText())
                .isEqualTo("WATCHDOG_LOG_LEVEL='verbose' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF); using INFO");
        assertThat(MAPPER.readTree(lines.get(1)).get("message").asText())
                .isEqualTo("WATCHDOG_LOG_FORMAT='xml' is not 'json' or 'text'; using json");
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "text"})
    void neverWritesATokenFromMessageMdcOrException(String format) {
        configure(Map.of(LogSetup.FORMAT_VARIABLE, format));
        Logger log = context.getLogger("dev.watchdog.slack.SlackPoster");

        MDC.put("channel", "C0123 via xoxp-999-888-secret");
        log.warn("token xoxb-123-456-abc", new IllegalStateException(
                "socket mode rejected xapp-1-A0123456789-1234567890123-abcdef",
                new RuntimeException("cause mentions xoxb-777-888-cause")));

        String output = output();
        assertThat(output).contains("token [REDACTED:slack-token]");
        assertThat(output).doesNotContain("xoxb-", "xapp-", "xoxp-");
    }

    @Test
    void configuredSecretsAreMaskedInEveryLine() {
        String secret = "configured-" + UUID.randomUUID();
        configure(Map.of(), LogSetup::redactor);

        LogSetup.maskConfiguredSecrets(List.of(secret));
        context.getLogger("dev.watchdog.Test").info("loaded api key {}", secret);

        assertThat(output()).doesNotContain(secret).contains("loaded api key [REDACTED:configured-secret]");
    }

    @Test
    void reconfiguringReplacesTheAppenderInsteadOfAddingOne() {
        configure(Map.of());
        configure(Map.of());

        context.getLogger("dev.watchdog.Test").info("once");

        assertThat(lines()).hasSize(1);
    }

    private void configure(Map<String, String> env) {
        configure(env, Redactor::standard);
    }

    private void configure(Map<String, String> env, java.util.function.Supplier<Redactor> redactor) {
        LogSetup.configure(context, env, out, redactor);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return output().lines().toList();
    }
}
