package dev.watchdog.deploys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.http.FailureText;
import dev.watchdog.http.PeerAuth;
import dev.watchdog.http.ReadOnlyPeer;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A deployment source read over HTTP (GitHub, Argo CD, a deployments URL), and how its failures
 * read: the source name first, then the peer as a reader knows it, the request, and what went
 * wrong, never a credential. Immutable and thread-safe.
 */
abstract class HttpDeploymentSource extends ReadingDeploymentSource {

    static final long DEFAULT_MAX_RESPONSE_BYTES = 4L * 1024 * 1024;

    final ReadOnlyPeer peer;
    private final String name;
    private final String peerName;

    /** @param peerName what is being asked, as a reader knows it: "GitHub", "Argo CD", "the deployments URL" */
    HttpDeploymentSource(String name, String peerName, String url, PeerAuth auth, OkHttpClient shared,
            Duration timeout, long maxResponseBytes) {
        this.peer = new ReadOnlyPeer(name, url, auth, shared, timeout, maxResponseBytes);
        this.name = name;
        this.peerName = peerName;
    }

    @Override
    public final String name() {
        return name;
    }

    /** An HTTP answer of any status; redirects, timeouts, refused connections and huge bodies are failures. */
    ReadOnlyPeer.Answer get(HttpUrl url) {
        ReadOnlyPeer.Answer answer;
        try {
            answer = peer.get(url);
        } catch (ReadOnlyPeer.NoAnswer e) {
            String message = name + ": " + peerName + " " + e.what() + " for GET " + FailureText.url(url);
            throw e.getCause() == null ? new DeploymentSourceException(message, e.status())
                    : new DeploymentSourceException(message, e.getCause());
        }
        if (answer.isRedirect()) {
            throw failure(answer.status(), peerName + " answered HTTP " + answer.status() + " for " + answer.where()
                    + " (redirected to " + answer.redirectTarget() + "; redirects are not followed, configure the "
                    + "final URL)");
        }
        return answer;
    }

    /** A failure of this source, the message prefixed with the source name. */
    DeploymentSourceException failure(int status, String detail) {
        return new DeploymentSourceException(name + ": " + detail, status);
    }

    /** For an HTTP error the source has no better words for: the status and the start of the body. */
    DeploymentSourceException unexpectedStatus(ReadOnlyPeer.Answer answer, String hint) {
        return failure(answer.status(), peerName + " answered HTTP " + answer.status() + " for " + answer.where()
                + ": " + FailureText.snippet(answer.body()) + hint);
    }

    /** The body as JSON, or a failure that shows what arrived instead. */
    JsonNode json(ReadOnlyPeer.Answer answer) {
        try {
            JsonNode json = JsonValues.JSON.readTree(answer.body());
            if (json != null && !json.isMissingNode()) {
                return json;
            }
        } catch (IOException notJson) {
            // reported below
        }
        throw failure(answer.status(), peerName + " sent a response that is not JSON (HTTP " + answer.status() + ", "
                + answer.contentType() + ") for " + answer.where() + ": " + FailureText.snippet(answer.body()));
    }
}
