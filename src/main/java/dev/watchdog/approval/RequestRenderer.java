package dev.watchdog.approval;

import dev.watchdog.config.ConfigHeaders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fills an action's webhook with validated parameters. In the URL a value is percent-encoded (so
 * it stays inside its path segment or query value); in the body it is the JSON value: a string
 * with its quotes and escapes, a number, true or false. The template author writes
 * {@code "version": {{ version }}}, not {@code "version": "{{ version }}"}.
 */
public final class RequestRenderer {

    private RequestRenderer() {
    }

    /** @param values validated parameter values, one for every parameter of the action */
    public static PreparedRequest render(ActionDefinition action, Map<String, Object> values) {
        WebhookSpec webhook = action.webhook();
        String url = webhook.url().render(name -> urlEncoded(valueOf(values, name)));
        String body = webhook.body() == null ? "" : webhook.body().render(name -> JsonValues.quote(valueOf(values, name)));
        Map<String, String> headers = ConfigHeaders.revealed(webhook.headers());
        return new PreparedRequest(webhook.method(), url, headers, body);
    }

    private static Object valueOf(Map<String, Object> values, String name) {
        Object value = values.get(name);
        if (value == null) {
            // Placeholders are checked against the parameters at load time and every parameter has a
            // value after validation; anything else is a bug, and nothing must be sent.
            throw new IllegalStateException("no value for {{ " + name + " }}");
        }
        return value;
    }

    /** Percent-encoding of everything outside RFC 3986's unreserved characters ("/" included). */
    static String urlEncoded(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20")
                .replace("*", "%2A").replace("%7E", "~");
    }
}
