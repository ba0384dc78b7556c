package dev.watchdog.config;

import dev.watchdog.security.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HTTP headers set in config ({@code headers: {X-Api-Key: ${KEY}}}). A header that could not be
 * sent is reported when the config loads, not when the request fails. Values are usually
 * credentials, so they are kept as {@link Secret}s and never echoed in a problem.
 */
public final class ConfigHeaders {

    /** RFC 9110 token characters: anything else cannot be sent as a header name. */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VALUE = Pattern.compile("[\\t\\x20-\\x7e]*");

    private ConfigHeaders() {
    }

    /** What else the caller refuses in a header that could be sent. */
    @FunctionalInterface
    public interface Rule {
        /** The problem with this header, said without its value; empty when it is fine. */
        Optional<String> problem(String name, String value);
    }

    /** The headers under {@code key}, in file order, without those reported; none when the key is missing. */
    public static Map<String, Secret> bind(ConfigNode node, String key, Rule rule) {
        Map<String, Secret> headers = new LinkedHashMap<>();
        node.field(key).ifPresent(mapping -> mapping.asMap(value -> value).forEach((name, value) -> {
            Optional<String> text = value.text(); // a value that is not text is reported by text()
            Optional<String> problem = text.flatMap(given -> problem(name, given, rule));
            if (problem.isPresent()) {
                value.problem(problem.get());
            } else {
                text.ifPresent(given -> headers.put(name, Secret.of(given)));
            }
        }));
        return headers;
    }

    /** The values to send, in the same order: for the one place that builds the request. */
    public static Map<String, String> revealed(Map<String, Secret> headers) {
        Map<String, String> values = new LinkedHashMap<>();
        headers.forEach((name, value) -> values.put(name, value.reveal()));
        return values;
    }

    private static Optional<String> problem(String name, String value, Rule rule) {
        if (!NAME.matcher(name).matches()) {
            return Optional.of("is not a valid header name (letters, digits and !#$%&'*+.^_`|~-)");
        }
        if (!VALUE.matcher(value).matches()) {
            return Optional.of("the value must be printable ASCII on one line");
        }
        return rule.problem(name, value);
    }
}
