package dev.watchdog.deploys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.watchdog.config.Durations;
import dev.watchdog.http.FailureText;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.security.Redactor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The one way an HTTP deployment source talks to its peer: GET only, redirects reported instead of
 * followed (a redirect could carry the token to another host), every answer read up to a bound,
 * and every failure turned into a message that names the source, the peer and the URL without
 * credentials. Immutable and thread-safe.
 */
final class SourceHttp {

    static final long DEFAULT_MAX_RESPONSE_BYTES = 4L * 1024 * 1024;

    private static final ObjectMapper JSON = JsonValues.JSON;

    private final String source;
    private final String peer;
    private final OkHttpClient http;
    private final Duration timeout;
    private final long maxResponseBytes;
    private final Headers headers;

    /**
     * @param source  the configured source name, first word of every message
     * @param peer    what is being asked, as a reader knows it: "GitHub", "Argo CD", "the deployments URL"
     * @param headers sent with every request (credentials included); never shown anywhere
     */
    SourceHttp(String source, String peer, OkHttpClient shared, Duration timeout, long maxResponseBytes,
            Headers headers) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout of deployment source " + source + " must be positive, was "
                    + timeout);
        }
        this.source = source;
        this.peer = peer;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.headers = headers;
        this.http = SharedHttpClient.forPeer(shared, timeout);
    }

    /** An HTTP answer of any status; 3xx, timeouts, refused connections and huge bodies are exceptions. */
    Answer get(HttpUrl url) {
        String where = "GET " + shown(url);
        Request request = new Request.Builder().url(url).headers(headers).get().build();
        try (Response response = http.newCall(request).execute()) {
            String body = readBounded(response.body(), where, response.code());
            Answer answer = new Answer(response.code(), response.headers(), body, where);
            if (response.isRedirect()) {
                String location = response.header("Location", "nowhere");
                HttpUrl target = url.resolve(location);
                throw failure(answer.status(), peer + " answered HTTP " + answer.status() + " for " + where
                        + " (redirected to " + (target == null ? Redactor.standard().redact(location) : shown(target))
                        + "; redirects are not followed, configure the final URL)");
            }
            return answer;
        } catch (InterruptedIOException e) {
            // OkHttp's call timeout and socket timeouts both end up here.
            throw new DeploymentSourceException(source + ": " + peer + " did not answer within "
                    + Durations.format(timeout) + " for " + where, e);
        } catch (IOException e) {
            throw new DeploymentSourceException(source + ": " + peer + " is unreachable ("
                    + FailureText.whyNoAnswer(e) + ") for " + where, e);
        }
    }

    /** A failure of this source, the message prefixed with the source name. */
    DeploymentSourceException failure(int status, String detail) {
        return new DeploymentSourceException(source + ": " + detail, status);
    }

    /** For an HTTP error the source has no better words for: the status and the start of the body. */
    DeploymentSourceException unexpectedStatus(Answer answer, String hint) {
        return failure(answer.status(), peer + " answered HTTP " + answer.status() + " for " + answer.where() + ": "
                + snippet(answer.body()) + hint);
    }

    /** The body as JSON, or a failure that shows what arrived instead. */
    JsonNode json(Answer answer) {
        try {
            JsonNode json = JSON.readTree(answer.body());
            if (json != null && !json.isMissingNode()) {
                return json;
            }
        } catch (IOException notJson) {
            // reported below
        }
        throw failure(answer.status(), peer + " sent a response that is not JSON (HTTP " + answer.status() + ", "
                + answer.headers().get("Content-Type") + ") for " + answer.where() + ": " + snippet(answer.body()));
    }

    String peer() {
        return peer;
    }

    /** The URL as shown to people and the model: no user info, secret-looking query values masked. */
    static String shown(HttpUrl url) {
        return Redactor.standard().redact(url.newBuilder().username("").password("").build().toString());
    }

    /** The start of a body for a message, secrets masked: these bodies may echo a token. */
    static String snippet(String body) {
        return FailureText.snippet(Redactor.standard().redact(body.strip().replaceAll("\\s+", " ")));
    }

    /** Reads at most {@code maxResponseBytes}: a huge answer must not exhaust the heap. */
    private String readBounded(ResponseBody body, String where, int status) throws IOException {
        if (body == null) {
            return "";
        }
        BufferedSource in = body.source();
        if (in.request(maxResponseBytes + 1)) {
            throw failure(status, peer + " sent more than " + bytes(maxResponseBytes) + " for " + where);
        }
        return in.getBuffer().readUtf8();
    }

    static String bytes(long bytes) {
        long mib = 1024 * 1024;
        if (bytes % mib == 0) {
            return bytes / mib + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    /** @param where {@code GET <url>} as shown in messages */
    record Answer(int status, Headers headers, String body, String where) {

        boolean isSuccessful() {
            return status >= 200 && status < 300;
        }
    }
}
