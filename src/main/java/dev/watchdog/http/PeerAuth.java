package dev.watchdog.http;

import dev.watchdog.security.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.Headers;

/**
 * What a read-only peer is sent with every request: at most one {@code Authorization} (a bearer
 * token, basic auth, or Elasticsearch's API key) and extra headers (a tenant, an API version, a
 * key header). Extra headers never replace the {@code Authorization}. {@link #toString()} names
 * what is set and never a value, so settings that hold one can be logged. Immutable.
 */
public final class PeerAuth {

    public static final PeerAuth NONE = new PeerAuth("none", Secret.NONE, Map.of());

    private final String scheme;
    private final Secret authorization;
    private final Map<String, Secret> extra;
    private final Headers headers;

    private PeerAuth(String scheme, Secret authorization, Map<String, Secret> extra) {
        this.scheme = scheme;
        this.authorization = authorization;
        this.extra = extra;
        this.headers = build(); // a header that cannot be sent fails here, when the source is built
    }

    /** {@code Authorization: Bearer <token>}; a blank token sends nothing. */
    public static PeerAuth bearer(Secret token) {
        String value = token.reveal().strip();
        return value.isEmpty() ? NONE : new PeerAuth("bearer", Secret.of("Bearer " + value), Map.of());
    }

    /** Basic auth; an empty user name sends nothing. */
    public static PeerAuth basic(String username, Secret password) {
        return username == null || username.isEmpty() ? NONE
                : new PeerAuth("basic", Secret.of(Credentials.basic(username, password.reveal())), Map.of());
    }

    /** Elasticsearch's {@code Authorization: ApiKey <key>}; an empty key sends nothing. */
    public static PeerAuth apiKey(Secret key) {
        return key.isEmpty() ? NONE : new PeerAuth("api-key", Secret.of("ApiKey " + key.reveal()), Map.of());
    }

    /** A token, or a user name and password, as HTTP sources are configured; both at once is refused. */
    public static PeerAuth tokenOrBasic(Secret token, String username, Secret password) {
        boolean hasToken = !token.reveal().isBlank();
        if (hasToken && username != null && !username.isEmpty()) {
            throw new IllegalArgumentException("use a token or a username and password, not both");
        }
        return hasToken ? bearer(token) : basic(username, password);
    }

    /** These credentials plus a header sent with every request. */
    public PeerAuth withHeader(String name, Secret value) {
        Map<String, Secret> more = new LinkedHashMap<>(extra);
        more.put(name, value);
        return new PeerAuth(scheme, authorization, Collections.unmodifiableMap(more));
    }

    /** These credentials plus headers sent with every request, e.g. configured API key headers. */
    public PeerAuth withHeaders(Map<String, Secret> headers) {
        PeerAuth auth = this;
        for (Map.Entry<String, Secret> header : headers.entrySet()) {
            auth = auth.withHeader(header.getKey(), header.getValue());
        }
        return auth;
    }

    /** Basic auth from a URL's {@code user:password@}, as curl does, unless an Authorization is set already. */
    PeerAuth orBasic(String username, Secret password) {
        if (authorization.isPresent()) {
            return this;
        }
        PeerAuth basic = basic(username, password);
        return new PeerAuth(basic.scheme, basic.authorization, extra);
    }

    Headers headers() {
        return headers;
    }

    private Headers build() {
        Headers.Builder builder = new Headers.Builder();
        extra.forEach((name, value) -> {
            try {
                builder.set(name, value.reveal());
            } catch (IllegalArgumentException invalid) {
                // OkHttp's own message quotes the value, which may be a secret.
                throw new IllegalArgumentException("header '" + name.replaceAll("[^!-~]", "?")
                        + "' has a name or value that cannot be sent (control or non-ASCII characters)");
            }
        });
        if (authorization.isPresent()) {
            builder.set("Authorization", authorization.reveal());
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "PeerAuth[" + scheme + ", headers=" + extra.keySet().stream().sorted().toList() + "]";
    }
}
