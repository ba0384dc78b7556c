package dev.watchdog.deploys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.http.PeerAuth;
import dev.watchdog.http.ReadOnlyPeer;
import dev.watchdog.security.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Syncs of Argo CD applications, read from the application's own revision history
 * ({@code GET /api/v1/applications/{name}}, {@code status.history}). Argo CD keeps the last few
 * successful syncs there (10 by default), oldest first; the newest one also gets the
 * application's current sync and health status. Immutable and thread-safe.
 */
public final class ArgoCdDeploymentSource extends HttpDeploymentSource {

    private static final Pattern GIT_SHA = Pattern.compile("[0-9a-f]{40}");

    /**
     * @param name        the Argo CD application
     * @param namespace   its namespace when applications live outside Argo CD's own namespace; empty otherwise
     * @param service     the service its syncs are reported under; defaults to the application name
     * @param environment reported as the environment of every sync (Argo CD does not know one)
     */
    public record Application(String name, String namespace, String service, String environment) {

        public Application {
            if (name == null || name.isBlank() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("Argo CD application name must not be empty, was '" + name + "'");
            }
            namespace = namespace == null ? "" : namespace;
            service = service == null || service.isBlank() ? name : service;
            environment = environment == null ? "" : environment;
        }
    }

    private final List<Application> applications;

    /** @param token sent as {@code Authorization: Bearer} (an Argo CD account or project token) */
    public ArgoCdDeploymentSource(String name, String baseUrl, Secret token, List<Application> applications,
            Duration timeout, OkHttpClient shared) {
        this(name, baseUrl, token, applications, timeout, shared, DEFAULT_MAX_RESPONSE_BYTES);
    }

    ArgoCdDeploymentSource(String name, String baseUrl, Secret token, List<Application> applications,
            Duration timeout, OkHttpClient shared, long maxResponseBytes) {
        super(name, "Argo CD", baseUrl, PeerAuth.bearer(token).withHeader("Accept", Secret.of("application/json")),
                shared, timeout, maxResponseBytes);
        this.applications = List.copyOf(applications);
    }

    @Override
    PartialResult read(String service, Instant since) {
        return readEach(applications, Application::service, service,
                (application, result) -> result.addAll(syncs(application, read(application), since)));
    }

    @Override
    public List<String> checkCredentials() {
        return checkEach(applications, this::read);
    }

    private JsonNode read(Application application) {
        HttpUrl.Builder url = peer.url("api", "v1", "applications", application.name());
        if (!application.namespace().isEmpty()) {
            url.addQueryParameter("appNamespace", application.namespace());
        }
        ReadOnlyPeer.Answer answer = get(url.build());
        if (!answer.isSuccessful()) {
            throw errorFor(answer, application);
        }
        JsonNode json = json(answer);
        if (!json.isObject()) {
            throw failure(answer.status(), "Argo CD sent " + JsonValues.describe(json)
                    + " instead of an application for " + answer.where());
        }
        return json;
    }

    private List<Deployment> syncs(Application application, JsonNode app, Instant since) {
        JsonNode status = app.path("status");
        JsonNode history = status.path("history");
        List<Deployment> syncs = new ArrayList<>();
        if (!history.isArray() || history.isEmpty()) {
            return syncs;
        }
        JsonNode newest = newest(history);
        String link = applicationLink(application);
        for (JsonNode entry : history) {
            Optional<Instant> time = DeploymentTimes.parse(entry.path("deployedAt"))
                    .or(() -> DeploymentTimes.parse(entry.path("deployStartedAt")));
            if (time.isEmpty() || time.get().isBefore(since)) {
                continue;
            }
            String revision = revision(entry);
            String state = entry == newest ? join("/", JsonValues.text(status.path("sync"), "status"),
                    JsonValues.text(status.path("health"), "status")) : "";
            syncs.add(new Deployment(application.service(), revision, application.environment(), time.get(),
                    initiator(entry.path("initiatedBy")), GIT_SHA.matcher(revision).matches() ? revision : "", link,
                    state, name()));
        }
        return syncs;
    }

    /** The entry with the highest id: Argo CD appends, but ids say it without relying on order. */
    private static JsonNode newest(JsonNode history) {
        JsonNode newest = history.get(history.size() - 1);
        for (JsonNode entry : history) {
            if (entry.path("id").asLong(Long.MIN_VALUE) > newest.path("id").asLong(Long.MIN_VALUE)) {
                newest = entry;
            }
        }
        return newest;
    }

    /** One revision for a single-source application, every source's revision for a multi-source one. */
    private static String revision(JsonNode entry) {
        String single = JsonValues.text(entry, "revision");
        if (!single.isEmpty() || !entry.path("revisions").isArray()) {
            return single;
        }
        List<String> revisions = new ArrayList<>();
        entry.path("revisions").forEach(revision -> revisions.add(JsonValues.scalarText(revision)));
        return String.join(", ", revisions);
    }

    private static String initiator(JsonNode initiatedBy) {
        String username = JsonValues.text(initiatedBy, "username");
        if (!username.isEmpty()) {
            return username;
        }
        return initiatedBy.path("automated").asBoolean(false) ? "automated sync" : "";
    }

    private String applicationLink(Application application) {
        HttpUrl.Builder ui = peer.url("applications");
        if (!application.namespace().isEmpty()) {
            ui.addPathSegment(application.namespace());
        }
        return ui.addPathSegment(application.name()).build().toString();
    }

    /** Argo CD's gRPC-gateway errors ({@code {"error":…,"code":…,"message":…}}) in the words on-call needs. */
    private DeploymentSourceException errorFor(ReadOnlyPeer.Answer answer, Application application) {
        int status = answer.status();
        String said = "HTTP " + status + JsonValues.field(answer.body(), "message")
                .or(() -> JsonValues.field(answer.body(), "error"))
                .map(message -> ": " + message).orElse("");
        return switch (status) {
            case 401 -> failure(status, "Argo CD rejected the token (" + said + ") for " + answer.where()
                    + "; check the token configured for this source");
            case 403 -> failure(status, "Argo CD denied access to application " + application.name() + " ("
                    + said + ") for " + answer.where() + "; the token's account needs permission to get it"
                    + " (Argo CD answers the same for an application that does not exist)");
            case 404 -> failure(status, "Argo CD has no application " + application.name() + " (" + said
                    + ") for " + answer.where());
            default -> unexpectedStatus(answer, "");
        };
    }

    private static String join(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (!part.isEmpty()) {
                present.add(part);
            }
        }
        return String.join(separator, present);
    }
}
