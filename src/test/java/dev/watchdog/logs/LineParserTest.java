package dev.watchdog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.logs.LineParser.ParsedLine;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LineParserTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");
    private final LineParser auto = new LineParser(LineParser.Format.AUTO, ZoneOffset.UTC, NOW);

    @Test
    void aTextLineGivesTimeLevelAndTheMessageAfterThem() {
        ParsedLine line = auto.parse("2024-01-15 10:25:13,250 [ERROR] [worker-3] - Payment failed for order 991");

        assertThat(line).isEqualTo(new ParsedLine(Instant.parse("2024-01-15T10:25:13.250Z"), LogLevel.ERROR,
                "worker-3] - Payment failed for order 991", null,
                "2024-01-15 10:25:13,250 [ERROR] [worker-3] - Payment failed for order 991"));
    }

    @Test
    void pinoNumericLevelsAndDockerLogKeysAreRead() {
        ParsedLine pino = auto.parse("{\"level\":50,\"time\":1705314300123,\"pid\":7,\"msg\":\"db down\"}");
        ParsedLine docker = auto.parse("{\"log\":\"ERROR connection refused\\n\",\"stream\":\"stderr\","
                + "\"time\":\"2024-01-15T10:25:00.123456789Z\"}");

        assertThat(pino.level()).isEqualTo(LogLevel.ERROR);
        assertThat(pino.time()).isEqualTo(Instant.parse("2024-01-15T10:25:00.123Z"));
        assertThat(pino.text()).isEqualTo("db down pid=7");
        assertThat(docker.level()).isEqualTo(LogLevel.ERROR);
        assertThat(docker.time()).isEqualTo(Instant.parse("2024-01-15T10:25:00.123456789Z"));
        assertThat(docker.text()).isEqualTo("ERROR connection refused\n stream=stderr");
    }

    @Test
    void nestedEcsFieldsAndAnErrorTypeAreRead() {
        ParsedLine ecs = auto.parse("{\"@timestamp\":\"2024-01-15T10:25:00Z\",\"log\":{\"level\":\"warn\"},"
                + "\"message\":\"slow\",\"error\":{\"type\":\"TimeoutError\"},\"service\":{\"name\":\"checkout\"}}");

        assertThat(ecs.level()).isEqualTo(LogLevel.WARN);
        assertThat(ecs.errorType()).isEqualTo("TimeoutError");
        assertThat(ecs.text()).isEqualTo("slow error={\"type\":\"TimeoutError\"} service={\"name\":\"checkout\"}");
    }

    @Test
    void inJsonFormatOtherLinesContinueTheEntryAbove() {
        LineParser json = new LineParser(LineParser.Format.JSON, ZoneOffset.UTC, NOW);

        assertThat(json.parse("2024-01-15T10:25:00Z panic: runtime error").isDated()).isFalse();
        assertThat(json.parse("{\"ts\":\"2024-01-15T10:25:00Z\",\"msg\":\"x\"}").isDated()).isTrue();
    }

    @Test
    void inTextFormatJsonIsJustText() {
        LineParser text = new LineParser(LineParser.Format.TEXT, ZoneOffset.UTC, NOW);

        ParsedLine line = text.parse("{\"ts\":\"2024-01-15T10:25:00Z\",\"msg\":\"x\"}");

        assertThat(line.text()).isEqualTo("{\"ts\":\"2024-01-15T10:25:00Z\",\"msg\":\"x\"}");
        assertThat(line.time()).isEqualTo(Instant.parse("2024-01-15T10:25:00Z"));
    }

    @Test
    void brokenJsonIsReadAsText() {
        ParsedLine line = auto.parse("{\"ts\":\"2024-01-15T10:25:00Z\",\"msg\":\"cut off");

        assertThat(line.time()).isEqualTo(Instant.parse("2024-01-15T10:25:00Z"));
        assertThat(line.text()).isEqualTo("{\"ts\":\"2024-01-15T10:25:00Z\",\"msg\":\"cut off");
    }
}
