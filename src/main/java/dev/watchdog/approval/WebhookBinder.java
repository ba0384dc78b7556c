package dev.watchdog.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.watchdog.config.ConfigHeaders;
import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Durations;
import dev.watchdog.security.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds an action's {@code webhook:}. Everything that could go wrong when rendering is found here,
 * at load time: unknown placeholders, a placeholder that could change the host, a body that is not
 * JSON once filled in, headers that cannot be sent.
 */
final class WebhookBinder {

    /** Set by the HTTP client from the request itself; a configured value would be ignored or conflict. */
    private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length", "transfer-encoding",
            "connection");
    /** A complete scheme and authority, then the start of the path, query or fragment. */
    private static final Pattern FIXED_ORIGIN = Pattern.compile("https?://[^/?#{}]+[/?#].*", Pattern.DOTALL);
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);
    private static final int MAX_BODY_LENGTH = 16 * 1024;

    private WebhookBinder() {
    }

    static Optional<WebhookSpec> bind(ConfigNode node, List<ParameterSpec> parameters) {
        if (!node.allowOnly("method", "url", "headers", "body", "timeout")) {
            return Optional.empty();
        }
        String method = node.string("method", "POST").strip().toUpperCase(Locale.ROOT);
        if (!WebhookSpec.METHODS.contains(method)) {
            node.field("method").get().problem("\"" + node.string("method", "") + "\" is not an HTTP method (allowed: "
                    + String.join(", ", WebhookSpec.METHODS) + ")");
        }
        Template url = url(node, parameters);
        Map<String, Secret> headers = ConfigHeaders.bind(node, "headers", WebhookBinder::headerProblem);
        Template body = body(node, parameters, method);
        if (body != null && headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
            // Part of the request that is previewed and hashed, so it is added here, not by the client.
            headers.put("Content-Type", Secret.of("application/json"));
        }
        Duration timeout = node.duration("timeout", WebhookSpec.DEFAULT_TIMEOUT);
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            node.field("timeout").get().problem("must be from " + Durations.format(MIN_TIMEOUT) + " to "
                    + Durations.format(MAX_TIMEOUT));
            timeout = WebhookSpec.DEFAULT_TIMEOUT;
        }
        return url == null ? Optional.empty() : Optional.of(new WebhookSpec(method, url, headers, body, timeout));
    }

    private static Template url(ConfigNode node, List<ParameterSpec> parameters) {
        String text = node.requiredString("url").strip();
        if (text.isEmpty()) {
            return null;
        }
        ConfigNode where = node.field("url").get();
        Template url = template(where, text, parameters);
        if (url == null) {
            return null;
        }
        if (!url.placeholders().isEmpty() && !FIXED_ORIGIN.matcher(url.prefix()).matches()) {
            where.problem("placeholders may only appear in the path and query, after https://host/, so that a"
                    + " parameter can never choose where the request goes");
            return null;
        }
        String sample = url.render(name -> RequestRenderer.urlEncoded(sampleValue(parameters, name)));
        try {
            URI uri = new URI(sample);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException invalid) {
            // reported below
        }
        where.problem("\"" + text + "\" is not an http:// or https:// URL");
        return null;
    }

    private static Optional<String> headerProblem(String name, String value) {
        if (CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("is set by the HTTP client; remove it");
        }
        if (value.contains("{{")) {
            return Optional.of("placeholders are not allowed in headers; use them in the url or body");
        }
        if (value.isBlank()) {
            return Optional.of("the value is empty (is the ${VARIABLE} it names set?)");
        }
        return Optional.empty();
    }

    private static Template body(ConfigNode node, List<ParameterSpec> parameters, String method) {
        Optional<ConfigNode> where = node.field("body");
        if (where.isEmpty()) {
            return null;
        }
        String text = where.get().text().orElse("").strip();
        if (method.equals("GET")) {
            where.get().problem("a GET request has no body; use POST, PUT or PATCH");
            return null;
        }
        if (text.length() > MAX_BODY_LENGTH) {
            where.get().problem("is longer than " + MAX_BODY_LENGTH + " characters");
            return null;
        }
        Template body = template(where.get(), text, parameters);
        if (body == null) {
            return null;
        }
        String sample = body.render(name -> JsonValues.quote(sampleValue(parameters, name)));
        try {
            JsonValues.JSON.readTree(sample);
        } catch (JsonProcessingException invalid) {
            where.get().problem("is not valid JSON once its placeholders are filled in (a placeholder becomes a"
                    + " JSON value, quotes included: write \"version\": {{ version }}): "
                    + invalid.getOriginalMessage());
            return null;
        }
        return body;
    }

    /** Parses the template and checks that it names only parameters of this action. */
    private static Template template(ConfigNode where, String text, List<ParameterSpec> parameters) {
        Template template;
        try {
            template = Template.parse(text);
        } catch (IllegalArgumentException malformed) {
            where.problem(malformed.getMessage());
            return null;
        }
        List<String> names = parameters.stream().map(ParameterSpec::name).toList();
        boolean known = true;
        for (String placeholder : template.placeholders()) {
            if (!names.contains(placeholder)) {
                where.problem("{{ " + placeholder + " }} is not a parameter of this action (" + (names.isEmpty()
                        ? "it has no parameters" : "parameters: " + names.stream().collect(Collectors.joining(", ")))
                        + ")");
                known = false;
            }
        }
        return known ? template : null;
    }

    /** A value of the parameter's type, to check that the filled-in URL and body are well formed. */
    private static Object sampleValue(List<ParameterSpec> parameters, String name) {
        ParameterSpec spec = parameters.stream().filter(parameter -> parameter.name().equals(name)).findFirst()
                .orElseThrow();
        if (!spec.allowed().isEmpty()) {
            return spec.allowed().get(0);
        }
        return switch (spec.type()) {
            case STRING -> "x";
            case INTEGER -> spec.min() != null ? spec.min() : 0L;
            case BOOLEAN -> true;
        };
    }
}
