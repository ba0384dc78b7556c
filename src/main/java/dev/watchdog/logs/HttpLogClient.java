package dev.watchdog.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.http.FailureText;
import dev.watchdog.http.SharedHttpClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The HTTP plumbing shared by the Loki and Elasticsearch sources: one derived client with the
 * source's own timeout that never follows redirects, credentials sent as headers and never shown,
 * bounded response reads, and failures as {@link LogSourceException}s that name the source, its URL
 * and what to fix.
 *
 * <p>Only {@link #get} and {@link #postSearch} exist: the callers choose read endpoints, and nothing
 * here can send PUT or DELETE.
 */
final class HttpLogClient {

    static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a peer's error body into one line, or returns null when it is not in the peer's error format. */
    @FunctionalInterface
    interface ErrorBody {
        String detail(int status, String body);
    }

    private final String name;
    private final String kind;
    private final HttpUrl base;
    private final String displayUrl;
    private final Map<String, String> headers;
    private final OkHttpClient http;
    private final Duration timeout;
    private final long maxResponseBytes;
    private final String credentialAdvice;

    /**
     * @param kind             the product, for advice: "Loki", "Elasticsearch"
     * @param headers          sent with every request (authorization, tenant); never shown
     * @param credentialAdvice what to check on 401/403, e.g. "check username/password or token"
     */
    HttpLogClient(String name, String kind, String baseUrl, Map<String, String> headers, OkHttpClient shared,
            Duration timeout, long maxResponseBytes, String credentialAdvice) {
        HttpUrl parsed = baseUrl == null ? null : HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException(name + ": '" + baseUrl + "' is not an http:// or https:// URL");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + ": the timeout must be positive, was " + timeout);
        }
        this.name = name;
        this.kind = kind;
        this.base = parsed.newBuilder().username("").password("").build();
        this.displayUrl = withoutTrailingSlash(base.toString());
        Map<String, String> allHeaders = new LinkedHashMap<>(headers);
        if (!parsed.username().isEmpty() && !allHeaders.containsKey("Authorization")) {
            // user:password@ in the URL: sent as basic auth, as curl would, and removed from every message.
            allHeaders.put("Authorization", Credentials.basic(parsed.username(), parsed.password()));
        }
        this.headers = Map.copyOf(allHeaders);
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.credentialAdvice = credentialAdvice;
        this.http = SharedHttpClient.forPeer(shared, timeout);
    }

    /** The base URL as shown in messages: no credentials, no trailing slash. */
    String displayUrl() {
        return displayUrl;
    }

    String describe() {
        return name + " at " + displayUrl;
    }

    /** The base URL with these path segments added (each one encoded; a segment cannot add a "/"). */
    HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url;
    }

    JsonNode get(HttpUrl url, String subject, ErrorBody errorBody) {
        return execute(request(url).get().build(), subject, errorBody);
    }

    /** POST for search APIs that take their query as a body (Elasticsearch {@code _search}); still a read. */
    JsonNode postSearch(HttpUrl url, String jsonBody, String subject, ErrorBody errorBody) {
        return execute(request(url).post(RequestBody.create(jsonBody, JSON_TYPE)).build(), subject, errorBody);
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
        headers.forEach(request::header);
        return request;
    }

    private JsonNode execute(Request request, String subject, ErrorBody errorBody) {
        try (Response response = http.newCall(request).execute()) {
            String body = readBounded(response, subject);
            if (!response.isSuccessful()) {
                throw httpError(response, body, subject, errorBody);
            }
            JsonNode json = parse(body);
            if (json == null) {
                throw new LogSourceException(describe() + ": the response for " + subject + " is not JSON (HTTP "
                        + response.code() + ", " + response.header("Content-Type", "no Content-Type") + "): "
                        + FailureText.snippet(body) + "; is " + displayUrl + " the " + kind + " URL?",
                        response.code());
            }
            return json;
        } catch (InterruptedIOException e) {
            // OkHttp's call timeout and socket timeouts both end up here.
            throw new LogSourceException(describe() + ": no answer within " + format(timeout) + " for " + subject
                    + "; the server may be overloaded, or narrow the search (a shorter window, more specific text)", e);
        } catch (IOException e) {
            throw new LogSourceException(describe() + ": unreachable (" + FailureText.whyNoAnswer(e) + ") for "
                    + subject + "; check the url in the logs configuration", e);
        }
    }

    private LogSourceException httpError(Response response, String body, String subject, ErrorBody errorBody) {
        int status = response.code();
        String detail = errorBody.detail(status, body);
        String hint = "";
        if (response.isRedirect()) {
            hint = " (redirected to " + response.header("Location", "nowhere") + "; use the final URL as the " + kind
                    + " URL)";
        } else if (status == 401) {
            hint = "; the credentials were refused: " + credentialAdvice;
        } else if (status == 403) {
            hint = "; the credentials are not allowed to read this: " + credentialAdvice;
        } else if (status == 404 && detail == null) {
            hint = "; is " + displayUrl + " the " + kind + " URL, with its path prefix if it has one?";
        }
        return new LogSourceException(describe() + ": HTTP " + status + " for " + subject + ": "
                + (detail != null ? detail : FailureText.snippet(body)) + hint, status);
    }

    /** Reads at most {@code maxResponseBytes}: a huge answer must not exhaust the heap. */
    private String readBounded(Response response, String subject) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return "";
        }
        BufferedSource source = body.source();
        if (body.contentLength() > maxResponseBytes || source.request(maxResponseBytes + 1)) {
            throw new LogSourceException(describe() + ": the response for " + subject + " is larger than "
                    + LogSearchResult.bytes(maxResponseBytes) + "; narrow the search (a shorter window, more specific "
                    + "text, a level) or lower the limit", response.code());
        }
        return source.getBuffer().readUtf8();
    }

    static JsonNode parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /** {@code 10s}, or {@code 300ms} below a whole second. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
