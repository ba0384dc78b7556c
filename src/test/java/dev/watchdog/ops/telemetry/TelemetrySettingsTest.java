package dev.watchdog.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.config.ConfigDocument;
import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** telemetry: from the file, from the standard OTEL_* variables, and what is refused. */
class TelemetrySettingsTest {

    @TempDir
    Path dir;

    private final List<ConfigProblem> problems = new ArrayList<>();

    @Test
    void offWithoutASectionOrAnEndpointVariable() {
        TelemetrySettings settings = TelemetrySettings.defaults(Map.of());

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.tracesEndpoint()).isEqualTo("http://localhost:4318/v1/traces");
        assertThat(settings.serviceName()).isEqualTo("watchdog");
        assertThat(settings.samplingRatio()).isEqualTo(1.0);
    }

    @Test
    void theStandardVariablesTurnItOnAsForAnyOpenTelemetrySdk() {
        TelemetrySettings settings = TelemetrySettings.defaults(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20abc,x-tenant=ops",
                "OTEL_SERVICE_NAME", "watchdog-eu",
                "OTEL_TRACES_SAMPLER_ARG", "0.25"));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.tracesEndpoint()).isEqualTo("http://collector:4318/v1/traces");
        assertThat(settings.headers()).containsEntry("Authorization", "Bearer abc").containsEntry("x-tenant", "ops");
        assertThat(settings.serviceName()).isEqualTo("watchdog-eu");
        assertThat(settings.samplingRatio()).isEqualTo(0.25);
        assertThat(settings.secrets()).contains("Bearer abc");
    }

    @Test
    void aSignalEndpointIsUsedAsItIsAndSdkDisabledWins() {
        assertThat(TelemetrySettings.defaults(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://otlp.example/traces"))
                .tracesEndpoint()).isEqualTo("https://otlp.example/traces");
        assertThat(TelemetrySettings.defaults(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318",
                "OTEL_SDK_DISABLED", "true")).enabled()).isFalse();
    }

    @Test
    void theFileOverridesTheVariables() throws IOException {
        TelemetrySettings settings = TelemetrySettings.bind(parse("""
                telemetry:
                  enabled: true
                  endpoint: https://tempo.internal:4318
                  headers: {X-Scope-OrgID: watchdog}
                  sampling-ratio: 0.5
                  service-name: watchdog-prod
                  queue-size: 4096
                """), Map.of("OTEL_SERVICE_NAME", "other", "OTEL_EXPORTER_OTLP_HEADERS", "x-tenant=ops"));

        assertThat(problems).isEmpty();
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.tracesEndpoint()).isEqualTo("https://tempo.internal:4318/v1/traces");
        assertThat(settings.headers()).containsEntry("X-Scope-OrgID", "watchdog").containsEntry("x-tenant", "ops");
        assertThat(settings.samplingRatio()).isEqualTo(0.5);
        assertThat(settings.serviceName()).isEqualTo("watchdog-prod");
        assertThat(settings.queueSize()).isEqualTo(4096);
    }

    @Test
    void badValuesAreReportedWithTheirKeyAndLine() throws IOException {
        TelemetrySettings.bind(parse("""
                telemetry:
                  enabled: yes please
                  endpoint: collector:4318
                  sampling-ratio: 2
                  queue-size: 10
                  exporter: grpc
                """), Map.of());

        assertThat(problems).map(ConfigProblem::toString).containsExactlyInAnyOrder(
                "test.yml:6: telemetry.exporter: unknown key (allowed: enabled, endpoint, headers, sampling-ratio,"
                        + " service-name, queue-size)",
                "test.yml:2: telemetry.enabled: \"yes please\" is not a boolean (allowed: true, false)",
                "test.yml:3: telemetry.endpoint: \"collector:4318\" is not an http:// or https:// URL",
                "test.yml:4: telemetry.sampling-ratio: \"2\" is not a sampling ratio (allowed: a number from 0 to 1,"
                        + " e.g. 0.25)",
                "test.yml:5: telemetry.queue-size: 10 is out of range (allowed: 64 to 1000000)");
    }

    private ConfigNode parse(String yaml) throws IOException {
        Path file = dir.resolve("test.yml");
        Files.writeString(file, yaml);
        return new ConfigDocument("test.yml", problems, Map.of(), new LinkedHashMap<>()).parse(file, true).orElseThrow()
                .field("telemetry").orElseThrow();
    }
}
