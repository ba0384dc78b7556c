package dev.watchdog.ops.telemetry;

import dev.watchdog.config.ConfigHeaders;
import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Urls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code telemetry:} section: where Watchdog sends the traces of its own work (OTLP over
 * HTTP/protobuf), with which headers, which share of traces and under which service name.
 *
 * <p>The standard OpenTelemetry variables apply when the file does not say otherwise, as with
 * every OpenTelemetry SDK: {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), {@code OTEL_EXPORTER_OTLP_HEADERS},
 * {@code OTEL_SERVICE_NAME}, {@code OTEL_TRACES_SAMPLER_ARG} and {@code OTEL_SDK_DISABLED}.
 * Tracing is off unless {@code enabled: true} or, without {@code enabled}, an endpoint variable is set.
 *
 * @param tracesEndpoint the full URL spans are POSTed to ({@code .../v1/traces})
 * @param queueSize spans waiting for export at most; more are dropped (and counted), never waited for
 */
public record TelemetrySettings(boolean enabled, String tracesEndpoint, Map<String, String> headers,
        double samplingRatio, String serviceName, int queueSize) {

    public static final String DEFAULT_ENDPOINT = "http://localhost:4318";
    public static final String DEFAULT_SERVICE_NAME = "watchdog";
    static final int DEFAULT_QUEUE_SIZE = 2048;
    static final String TRACES_PATH = "/v1/traces";

    public TelemetrySettings {
        headers = Map.copyOf(headers);
    }

    /** Tracing off, whatever the environment says. */
    public static TelemetrySettings off() {
        return new TelemetrySettings(false, DEFAULT_ENDPOINT + TRACES_PATH, Map.of(), 1.0, DEFAULT_SERVICE_NAME,
                DEFAULT_QUEUE_SIZE);
    }

    /** No {@code telemetry:} section: the environment alone decides. */
    public static TelemetrySettings defaults(Map<String, String> env) {
        return new TelemetrySettings(envEnabled(env, false), envTracesEndpoint(env), envHeaders(env),
                envRatio(env), env.getOrDefault("OTEL_SERVICE_NAME", DEFAULT_SERVICE_NAME).strip(), DEFAULT_QUEUE_SIZE);
    }

    public static TelemetrySettings bind(ConfigNode node, Map<String, String> env) {
        node.allowOnly("enabled", "endpoint", "headers", "sampling-ratio", "service-name", "queue-size");
        boolean enabled = node.has("enabled") ? node.bool("enabled", false) && !sdkDisabled(env)
                : envEnabled(env, false);
        String endpoint = node.has("endpoint")
                ? withTracesPath(Urls.httpUrl(node, "endpoint", DEFAULT_ENDPOINT))
                : envTracesEndpoint(env);
        Map<String, String> headers = new LinkedHashMap<>(envHeaders(env));
        headers.putAll(ConfigHeaders.revealed(ConfigHeaders.bind(node, "headers", (name, value) -> Optional.empty())));
        double ratio = node.field("sampling-ratio").map(TelemetrySettings::ratio).orElseGet(() -> envRatio(env));
        String service = node.string("service-name", env.getOrDefault("OTEL_SERVICE_NAME", DEFAULT_SERVICE_NAME))
                .strip();
        if (service.isEmpty()) {
            node.field("service-name").orElse(node).problem("must not be empty (default: " + DEFAULT_SERVICE_NAME + ")");
            service = DEFAULT_SERVICE_NAME;
        }
        return new TelemetrySettings(enabled, endpoint, headers, ratio, service,
                node.integer("queue-size", DEFAULT_QUEUE_SIZE, 64, 1_000_000));
    }

    /** The header values, to mask in logs: they usually carry the collector's credentials. */
    public List<String> secrets() {
        return List.copyOf(headers.values());
    }

    private static double ratio(ConfigNode node) {
        String text = node.text().orElse("").strip();
        try {
            double ratio = Double.parseDouble(text);
            if (ratio >= 0 && ratio <= 1) {
                return ratio;
            }
        } catch (NumberFormatException notNumber) {
            // reported below
        }
        node.problem("\"" + text + "\" is not a sampling ratio (allowed: a number from 0 to 1, e.g. 0.25)");
        return 1.0;
    }

    private static boolean envEnabled(Map<String, String> env, boolean fallback) {
        if (sdkDisabled(env)) {
            return false;
        }
        return nonBlank(env, "OTEL_EXPORTER_OTLP_ENDPOINT").isPresent()
                || nonBlank(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").isPresent() || fallback;
    }

    private static boolean sdkDisabled(Map<String, String> env) {
        return "true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip());
    }

    /** As the SDK reads them: the signal's own URL as it is, the base URL with {@code /v1/traces} added. */
    static String envTracesEndpoint(Map<String, String> env) {
        return nonBlank(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
                .orElseGet(() -> withTracesPath(nonBlank(env, "OTEL_EXPORTER_OTLP_ENDPOINT").orElse(DEFAULT_ENDPOINT)));
    }

    private static String withTracesPath(String base) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return trimmed.endsWith(TRACES_PATH) ? trimmed : trimmed + TRACES_PATH;
    }

    /** {@code key1=value1,key2=value2}, values URL-encoded (the OpenTelemetry specification's format). */
    static Map<String, String> envHeaders(Map<String, String> env) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String variable : List.of("OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS")) {
            for (String pair : env.getOrDefault(variable, "").split(",")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    headers.put(URLDecoder.decode(pair.substring(0, equals).strip(), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1).strip(), StandardCharsets.UTF_8));
                }
            }
        }
        return headers;
    }

    private static double envRatio(Map<String, String> env) {
        try {
            double ratio = Double.parseDouble(env.getOrDefault("OTEL_TRACES_SAMPLER_ARG", "1").strip());
            return ratio >= 0 && ratio <= 1 ? ratio : 1.0;
        } catch (NumberFormatException notNumber) {
            return 1.0;
        }
    }

    private static Optional<String> nonBlank(Map<String, String> env, String variable) {
        return Optional.ofNullable(env.get(variable)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
