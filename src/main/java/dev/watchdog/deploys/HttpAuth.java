package dev.watchdog.deploys;

import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.Headers;

/**
 * Credentials and extra headers for a generic HTTP source: a bearer token, or a user name and
 * password for basic auth, plus any headers (API keys, tenant ids). {@link #toString()} never
 * shows a value, so logging a source's settings cannot leak them.
 */
public record HttpAuth(String token, String username, String password, Map<String, String> headers) {

    public HttpAuth {
        token = token == null ? "" : token.strip();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        headers = Map.copyOf(headers == null ? Map.of() : new LinkedHashMap<>(headers));
        if (!token.isEmpty() && !username.isEmpty()) {
            throw new IllegalArgumentException("use a token or a username and password, not both");
        }
    }

    public static HttpAuth none() {
        return new HttpAuth("", "", "", Map.of());
    }

    public static HttpAuth bearer(String token) {
        return new HttpAuth(token, "", "", Map.of());
    }

    /** The request headers: extra headers first, then Authorization, which no extra header can replace. */
    Headers toHeaders() {
        Headers.Builder builder = new Headers.Builder();
        headers.forEach((name, value) -> {
            try {
                builder.set(name, value);
            } catch (IllegalArgumentException invalid) {
                // OkHttp's own message quotes the value, which may be a secret.
                throw new IllegalArgumentException("header '" + name.replaceAll("[^!-~]", "?")
                        + "' has a name or value that cannot be sent (control or non-ASCII characters)");
            }
        });
        if (!token.isEmpty()) {
            builder.set("Authorization", "Bearer " + token);
        } else if (!username.isEmpty()) {
            builder.set("Authorization", Credentials.basic(username, password));
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "HttpAuth[" + (token.isEmpty() ? "" : "token=(set) ") + (username.isEmpty() ? "" : "basic=(set) ")
                + "headers=" + headers.keySet() + "]";
    }
}
