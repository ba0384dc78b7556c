package dev.watchdog.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.http.FailureText;
import dev.watchdog.http.PeerAuth;
import dev.watchdog.http.ReadOnlyPeer;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A log store searched over HTTP (Loki, Elasticsearch), and how its failures read: a
 * {@link LogSourceException} that names the source and its URL, what was asked, and what to fix
 * in the logs configuration. Subclasses choose the read endpoints and read the store's own error bodies.
 */
abstract class HttpLogSource implements LogSource {

    static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;
    static final ObjectMapper JSON = new ObjectMapper();

    final ReadOnlyPeer peer;
    private final String name;
    private final String kind;
    private final String credentialAdvice;

    /**
     * @param kind             the product, for advice: "Loki", "Elasticsearch"
     * @param credentialAdvice what to check on 401/403, e.g. "check username/password or token"
     */
    HttpLogSource(String name, String kind, String url, PeerAuth auth, OkHttpClient shared, Duration timeout,
            long maxResponseBytes, String credentialAdvice) {
        this.peer = new ReadOnlyPeer(name, url, auth, shared, timeout, maxResponseBytes);
        this.name = name;
        this.kind = kind;
        this.credentialAdvice = credentialAdvice;
    }

    /** The store's error body in one line, or null when it is not in the store's error format. */
    abstract String errorDetail(int status, String body);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String describe() {
        return name + " at " + peer.displayUrl();
    }

    /** Runs a search; a failure becomes the search's result, in words the model and people can act on. */
    static LogSearchResult answered(LogQuery query, Supplier<LogSearchResult> search) {
        try {
            return search.get();
        } catch (LogSourceException e) {
            return LogSearchResult.failed(query, e.getMessage());
        }
    }

    JsonNode get(HttpUrl url, String subject) {
        try {
            return json(peer.get(url), subject);
        } catch (ReadOnlyPeer.NoAnswer e) {
            throw noAnswer(e, subject);
        }
    }

    JsonNode postSearch(HttpUrl url, String jsonBody, String subject) {
        try {
            return json(peer.postSearch(url, jsonBody), subject);
        } catch (ReadOnlyPeer.NoAnswer e) {
            throw noAnswer(e, subject);
        }
    }

    private JsonNode json(ReadOnlyPeer.Answer answer, String subject) {
        if (!answer.isSuccessful()) {
            throw httpError(answer, subject);
        }
        JsonNode json = parse(answer.body());
        if (json == null) {
            throw new LogSourceException(describe() + ": the response for " + subject + " is not JSON (HTTP "
                    + answer.status() + ", " + answer.contentType() + "): " + FailureText.snippet(answer.body())
                    + "; is " + peer.displayUrl() + " the " + kind + " URL?", answer.status());
        }
        return json;
    }

    private LogSourceException noAnswer(ReadOnlyPeer.NoAnswer e, String subject) {
        return switch (e.reason()) {
            case TIMEOUT -> new LogSourceException(describe() + ": no answer within " + e.detail() + " for " + subject
                    + "; the server may be overloaded, or narrow the search (a shorter window, more specific text)",
                    e.getCause());
            case UNREACHABLE -> new LogSourceException(describe() + ": unreachable (" + e.detail() + ") for " + subject
                    + "; check the url in the logs configuration", e.getCause());
            case TOO_LARGE -> new LogSourceException(describe() + ": the response for " + subject + " is larger than "
                    + LogSearchResult.bytes(peer.maxResponseBytes()) + "; narrow the search (a shorter window, more specific text, a level) or lower the "
                    + "limit", e.status());
        };
    }

    private LogSourceException httpError(ReadOnlyPeer.Answer answer, String subject) {
        int status = answer.status();
        String detail = errorDetail(status, answer.body());
        String hint = "";
        if (answer.isRedirect()) {
            hint = " (redirected to " + answer.redirectTarget() + "; use the final URL as the " + kind + " URL)";
        } else if (status == 401) {
            hint = "; the credentials were refused: " + credentialAdvice;
        } else if (status == 403) {
            hint = "; the credentials are not allowed to read this: " + credentialAdvice;
        } else if (status == 404 && detail == null) {
            hint = "; is " + peer.displayUrl() + " the " + kind + " URL, with its path prefix if it has one?";
        }
        return new LogSourceException(describe() + ": HTTP " + status + " for " + subject + ": "
                + (detail != null ? detail : FailureText.snippet(answer.body())) + hint, status);
    }

    /** The body as a JSON object, or null. */
    static JsonNode parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
