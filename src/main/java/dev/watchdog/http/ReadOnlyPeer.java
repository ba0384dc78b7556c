package dev.watchdog.http;

import dev.watchdog.security.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The one HTTP client of every read-only peer: Prometheus, Loki, Elasticsearch, GitHub, Argo CD, a
 * deployments URL. It holds the base URL (credentials in it become basic auth and never appear in a
 * message), sends the {@link PeerAuth} headers, waits at most the peer's timeout, reports redirects
 * instead of following them (one could carry the credentials to another host, or turn a read into a
 * call of another endpoint), and reads at most a bounded number of bytes.
 *
 * <p>It sends GET, and POST only for search and query APIs that take their query as a body. It does not judge
 * HTTP statuses: each peer has its own words for its errors, so every {@link Answer} is returned, and
 * only the lack of one is a {@link NoAnswer}. Immutable and thread-safe.
 */
public final class ReadOnlyPeer {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

    private final HttpUrl base;
    private final String displayUrl;
    private final Headers headers;
    private final OkHttpClient http;
    private final Duration timeout;
    private final long maxResponseBytes;

    /**
     * @param name  the peer or source, first word of a configuration mistake found here
     * @param url   the base URL, with its path prefix if any
     * @param auth  sent with every request, never shown
     */
    public ReadOnlyPeer(String name, String url, PeerAuth auth, OkHttpClient shared, Duration timeout,
            long maxResponseBytes) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw new IllegalArgumentException(name + ": '" + url + "' is not an http:// or https:// URL");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + ": the timeout must be positive, was " + timeout);
        }
        this.base = parsed.newBuilder().username("").password("").build();
        String shown = FailureText.url(base);
        this.displayUrl = shown.endsWith("/") ? shown.substring(0, shown.length() - 1) : shown;
        this.headers = (parsed.username().isEmpty() ? auth : auth.orBasic(parsed.username(),
                Secret.of(parsed.password()))).headers();
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.http = SharedHttpClient.forPeer(shared, timeout);
    }

    /** The base URL without credentials, its query kept (it may hold a key: show it with {@link FailureText#url}). */
    public HttpUrl base() {
        return base;
    }

    /** The base URL as shown in messages: no credentials, secrets masked, no trailing slash. */
    public String displayUrl() {
        return displayUrl;
    }

    public Duration timeout() {
        return timeout;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** The base URL with these path segments added (each one encoded; a segment cannot add a "/"). */
    public HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder url = base.newBuilder();
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url;
    }

    /** True when a request to {@code url} goes to the scheme, host and port of the base URL, where credentials may go. */
    public boolean isOwnOrigin(HttpUrl url) {
        return url.scheme().equals(base.scheme()) && url.host().equals(base.host()) && url.port() == base.port();
    }

    public Answer get(HttpUrl url) throws NoAnswer {
        return execute(new Request.Builder().url(url).headers(headers).get().build());
    }

    /** POST for search APIs that take their query as a body (Elasticsearch {@code _search}); still a read. */
    public Answer postSearch(HttpUrl url, String jsonBody) throws NoAnswer {
        return execute(new Request.Builder().url(url).headers(headers).post(RequestBody.create(jsonBody, JSON))
                .build());
    }

    /** POST of an already encoded form, for query APIs that take long queries so (Prometheus' query); still a read. */
    public Answer postForm(HttpUrl url, String encodedForm) throws NoAnswer {
        return execute(new Request.Builder().url(url).headers(headers).post(RequestBody.create(encodedForm, FORM))
                .build());
    }

    private Answer execute(Request request) throws NoAnswer {
        try (Response response = http.newCall(request).execute()) {
            String body = readBounded(response);
            return new Answer(request.method(), request.url(), response.code(), response.headers(), body);
        } catch (InterruptedIOException e) {
            // OkHttp's call timeout and socket timeouts both end up here.
            throw new NoAnswer(NoAnswer.Reason.TIMEOUT, FailureText.duration(timeout), 0, e);
        } catch (IOException e) {
            throw new NoAnswer(NoAnswer.Reason.UNREACHABLE, FailureText.whyNoAnswer(e), 0, e);
        }
    }

    /** Reads at most {@code maxResponseBytes}: a huge answer must not exhaust the heap. */
    private String readBounded(Response response) throws IOException, NoAnswer {
        ResponseBody body = response.body();
        if (body == null) {
            return "";
        }
        BufferedSource source = body.source();
        if (body.contentLength() > maxResponseBytes || source.request(maxResponseBytes + 1)) {
            throw new NoAnswer(NoAnswer.Reason.TOO_LARGE, FailureText.bytes(maxResponseBytes), response.code(), null);
        }
        return source.getBuffer().readUtf8();
    }

    /** An HTTP answer of any status, its body read whole (within the bound). */
    public record Answer(String method, HttpUrl url, int status, Headers headers, String body) {

        public boolean isSuccessful() {
            return status >= 200 && status < 300;
        }

        /** A 3xx that names another URL; never followed. */
        public boolean isRedirect() {
            return switch (status) {
                case 300, 301, 302, 303, 307, 308 -> true;
                default -> false;
            };
        }

        /** Where a redirect pointed, as shown in messages; "nowhere" without a Location. */
        public String redirectTarget() {
            String location = headers.get("Location");
            if (location == null) {
                return "nowhere";
            }
            HttpUrl target = url.resolve(location);
            return target == null ? FailureText.snippet(location) : FailureText.url(target);
        }

        public String contentType() {
            String type = headers.get("Content-Type");
            return type == null ? "no Content-Type" : type;
        }

        /** {@code GET <url>} as shown in messages. */
        public String where() {
            return method + " " + FailureText.url(url);
        }
    }

    /**
     * No usable answer: refused, not in time, or too large to read. The parts let each peer say it in
     * its own words; {@link #what()} is the plain form that follows the peer's name.
     */
    public static final class NoAnswer extends Exception {

        public enum Reason { TIMEOUT, UNREACHABLE, TOO_LARGE }

        private final Reason reason;
        private final String detail;
        private final int status;

        NoAnswer(Reason reason, String detail, int status, IOException cause) {
            super(reason + ": " + detail, cause);
            this.reason = reason;
            this.detail = detail;
            this.status = status;
        }

        public Reason reason() {
            return reason;
        }

        /** How long was waited ({@code 300ms}), why no answer came ({@code connection refused}), or the size limit. */
        public String detail() {
            return detail;
        }

        /** The HTTP status of a too-large answer; 0 when none arrived. */
        public int status() {
            return status;
        }

        /** "did not answer within 300ms", "is unreachable (connection refused)", "sent more than 4 MiB". */
        public String what() {
            return switch (reason) {
                case TIMEOUT -> "did not answer within " + detail;
                case UNREACHABLE -> "is unreachable (" + detail + ")";
                case TOO_LARGE -> "sent more than " + detail;
            };
        }
    }
}
