package dev.watchdog.deploys;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Any JSON endpoint that lists recent deployments (an internal deploy API, a CD tool's export):
 * one GET, the list at the top level or at a JSON pointer, fields mapped by a {@link FieldMapping}.
 * The window and the service are filtered here, so the endpoint needs no query language.
 * Entries that cannot be read are skipped and counted in the failures. Immutable and thread-safe.
 */
public final class UrlDeploymentSource extends ReadingDeploymentSource {

    private static final String PEER = "the deployments URL";

    private final String name;
    private final HttpUrl url;
    private final String itemsPointer;
    private final FieldMapping fields;
    private final SourceHttp http;

    /**
     * @param itemsPointer JSON pointer to the list (e.g. {@code /data/items}); empty when the body is the list
     * @param timeout      for the request
     */
    public UrlDeploymentSource(String name, String url, HttpAuth auth, String itemsPointer, FieldMapping fields,
            Duration timeout, OkHttpClient shared) {
        this(name, url, auth, itemsPointer, fields, timeout, shared, SourceHttp.DEFAULT_MAX_RESPONSE_BYTES);
    }

    UrlDeploymentSource(String name, String url, HttpAuth auth, String itemsPointer, FieldMapping fields,
            Duration timeout, OkHttpClient shared, long maxResponseBytes) {
        this.name = name;
        this.url = SourceUrls.parse(name, PEER, url);
        this.itemsPointer = itemsPointer == null ? "" : itemsPointer.strip();
        JsonPointer.compile(this.itemsPointer); // a malformed pointer fails here, not on every lookup
        this.fields = fields;
        this.http = new SourceHttp(name, PEER, shared, timeout, maxResponseBytes, auth.toHeaders());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    PartialResult read(String service, Instant since) {
        SourceHttp.Answer answer = http.get(url);
        JsonNode items = items(answer);
        PartialResult result = new PartialResult();
        int skipped = 0;
        String firstProblem = "";
        for (JsonNode item : items) {
            try {
                Deployment deployment = fields.read(item, name);
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
            result.fail(http.failure(answer.status(), "skipped " + skipped + " of " + items.size() + " entries from "
                    + answer.where() + " that could not be read (first: " + firstProblem + ")"));
        }
        return result;
    }

    @Override
    public List<String> checkCredentials() {
        try {
            items(http.get(url));
            return List.of();
        } catch (DeploymentSourceException e) {
            return List.of(e.getMessage());
        }
    }

    /** The list of entries in a successful answer; any other answer is a failure saying what came instead. */
    private JsonNode items(SourceHttp.Answer answer) {
        if (!answer.isSuccessful()) {
            String hint = answer.status() == 401 || answer.status() == 403
                    ? "; check the token, username and password or headers configured for this source"
                    : "";
            throw http.unexpectedStatus(answer, hint);
        }
        JsonNode json = http.json(answer);
        JsonNode items = itemsPointer.isEmpty() ? json : json.at(itemsPointer);
        if (items.isArray()) {
            return items;
        }
        if (itemsPointer.isEmpty()) {
            throw http.failure(answer.status(), PEER + " sent " + JsonValues.describe(json)
                    + " instead of a list of deployments for " + answer.where()
                    + "; set items to the JSON pointer of the list, e.g. /items");
        }
        throw http.failure(answer.status(), PEER + " sent " + (items.isMissingNode() ? "nothing"
                : JsonValues.describe(items)) + " at " + itemsPointer + " instead of a list of deployments for "
                + answer.where());
    }
}
