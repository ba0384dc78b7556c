package dev.watchdog.deploys;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.http.PeerAuth;
import dev.watchdog.http.ReadOnlyPeer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Any JSON endpoint that lists recent deployments (an internal deploy API, a CD tool's export):
 * one GET, the list at the top level or at a JSON pointer, fields mapped by a {@link FieldMapping}.
 * The window and the service are filtered here, so the endpoint needs no query language.
 * Entries that cannot be read are skipped and counted in the failures. Immutable and thread-safe.
 */
public final class UrlDeploymentSource extends HttpDeploymentSource {

    private static final String PEER = "the deployments URL";

    private final String itemsPointer;
    private final FieldMapping fields;

    /**
     * @param itemsPointer JSON pointer to the list (e.g. {@code /data/items}); empty when the body is the list
     * @param timeout      for the request
     */
    public UrlDeploymentSource(String name, String url, PeerAuth auth, String itemsPointer, FieldMapping fields,
            Duration timeout, OkHttpClient shared) {
        this(name, url, auth, itemsPointer, fields, timeout, shared, DEFAULT_MAX_RESPONSE_BYTES);
    }

    UrlDeploymentSource(String name, String url, PeerAuth auth, String itemsPointer, FieldMapping fields,
            Duration timeout, OkHttpClient shared, long maxResponseBytes) {
        super(name, PEER, url, auth, shared, timeout, maxResponseBytes);
        this.itemsPointer = itemsPointer == null ? "" : itemsPointer.strip();
        JsonPointer.compile(this.itemsPointer); // a malformed pointer fails here, not on every lookup
        this.fields = fields;
    }

    @Override
    PartialResult read(String service, Instant since) {
        ReadOnlyPeer.Answer answer = get(peer.base());
        JsonNode items = items(answer);
        PartialResult result = new PartialResult();
        int skipped = 0;
        String firstProblem = "";
        for (JsonNode item : items) {
            try {
                Deployment deployment = fields.read(item, name());
                if (!deployment.time().isBefore(since) && deployment.isFor(service)) {
                    result.add(deployment);
                }
            } catch (FieldMapping.InvalidEntry e) {
                if (skipped++ == 0) {
                    firstProblem = e.getMessage();
                }
            }
        }
        if (skipped > 0) {
            result.fail(failure(answer.status(), "skipped " + skipped + " of " + items.size() + " entries from "
                    + answer.where() + " that could not be read (first: " + firstProblem + ")"));
        }
        return result;
    }

    @Override
    public List<String> checkCredentials() {
        try {
            items(get(peer.base()));
            return List.of();
        } catch (DeploymentSourceException e) {
            return List.of(e.getMessage());
        }
    }

    /** The list of entries in a successful answer; any other answer is a failure saying what came instead. */
    private JsonNode items(ReadOnlyPeer.Answer answer) {
        if (!answer.isSuccessful()) {
            String hint = answer.status() == 401 || answer.status() == 403
                    ? "; check the token, username and password or headers configured for this source"
                    : "";
            throw unexpectedStatus(answer, hint);
        }
        JsonNode json = json(answer);
        JsonNode items = itemsPointer.isEmpty() ? json : json.at(itemsPointer);
        if (items.isArray()) {
            return items;
        }
        if (itemsPointer.isEmpty()) {
            throw failure(answer.status(), PEER + " sent " + JsonValues.describe(json)
                    + " instead of a list of deployments for " + answer.where()
                    + "; set items to the JSON pointer of the list, e.g. /items");
        }
        throw failure(answer.status(), PEER + " sent " + (items.isMissingNode() ? "nothing"
                : JsonValues.describe(items)) + " at " + itemsPointer + " instead of a list of deployments for "
                + answer.where());
    }
}
