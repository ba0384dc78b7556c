package dev.watchdog.deploys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.http.FailureText;
import dev.watchdog.http.PeerAuth;
import dev.watchdog.http.ReadOnlyPeer;
import dev.watchdog.security.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Deployments recorded in GitHub's Deployments API (what GitHub Actions environments, and most
 * deploy tools that talk to GitHub, create), for a list of repositories. Per repository: the
 * newest deployments ({@code GET /repos/{owner}/{repo}/deployments}), following
 * {@code Link: rel="next"} a bounded number of pages until older than the lookback, then each
 * one's latest status ({@code GET .../deployments/{id}/statuses?per_page=1}).
 *
 * <p>Works with GitHub Enterprise Server by pointing the base URL at {@code https://host/api/v3}.
 * Immutable and thread-safe.
 */
public final class GitHubDeploymentSource extends HttpDeploymentSource {

    static final int DEFAULT_MAX_PAGES = 3;
    private static final int GITHUB_MAX_PER_PAGE = 100;

    /**
     * @param repo        {@code owner/name}
     * @param service     the service name deployments of this repository are reported under
     * @param environment only deployments to this GitHub environment; empty for all
     */
    public record Repository(String repo, String service, String environment) {

        public Repository {
            String[] parts = repo == null ? new String[0] : repo.split("/", -1);
            if (parts.length != 2 || !isPathSafe(parts[0]) || !isPathSafe(parts[1])) {
                throw new IllegalArgumentException("repository must be owner/name, was '" + repo + "'");
            }
            service = service == null || service.isBlank() ? parts[1] : service;
            environment = environment == null ? "" : environment;
        }

        String owner() {
            return repo.substring(0, repo.indexOf('/'));
        }

        String name() {
            return repo.substring(repo.indexOf('/') + 1);
        }

        private static boolean isPathSafe(String segment) {
            return !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
        }
    }

    private final boolean hasToken;
    private final List<Repository> repositories;
    private final int perPage;
    private final int maxPages;
    private final int maxPerRepository;

    /**
     * @param baseUrl          {@code https://api.github.com}, or {@code https://host/api/v3} for Enterprise Server
     * @param token            sent as {@code Authorization: Bearer}; empty sends no credentials (public repositories)
     * @param timeout          for each request
     * @param maxPerRepository at most this many deployments (and status requests) per repository
     */
    public GitHubDeploymentSource(String name, String baseUrl, Secret token, List<Repository> repositories,
            Duration timeout, int maxPerRepository, OkHttpClient shared) {
        this(name, baseUrl, token, repositories, timeout, maxPerRepository, shared,
                Math.min(GITHUB_MAX_PER_PAGE, maxPerRepository), DEFAULT_MAX_PAGES, DEFAULT_MAX_RESPONSE_BYTES);
    }

    GitHubDeploymentSource(String name, String baseUrl, Secret token, List<Repository> repositories,
            Duration timeout, int maxPerRepository, OkHttpClient shared, int perPage, int maxPages,
            long maxResponseBytes) {
        super(name, "GitHub", baseUrl, PeerAuth.bearer(token)
                        .withHeader("Accept", Secret.of("application/vnd.github+json"))
                        .withHeader("X-GitHub-Api-Version", Secret.of("2022-11-28")),
                shared, timeout, maxResponseBytes);
        this.hasToken = !token.reveal().isBlank();
        this.repositories = List.copyOf(repositories);
        this.maxPerRepository = maxPerRepository;
        this.perPage = perPage;
        this.maxPages = maxPages;
    }

    @Override
    PartialResult read(String service, Instant since) {
        return readEach(repositories, Repository::service, service,
                (repository, result) -> readRepository(repository, since, result));
    }

    @Override
    public List<String> checkCredentials() {
        return checkEach(repositories, repository -> {
            ReadOnlyPeer.Answer answer = get(deploymentsUrl(repository).newBuilder()
                    .addQueryParameter("per_page", "1").build());
            if (!answer.isSuccessful()) {
                throw errorFor(answer, repository);
            }
        });
    }

    /** The repository's deployments since {@code since}, newest first, with their latest status. */
    private void readRepository(Repository repository, Instant since, PartialResult result) {
        List<Listed> listed = list(repository, since, result);
        boolean statusesReadable = true;
        for (Listed deployment : listed) {
            JsonNode status = null;
            if (statusesReadable) {
                try {
                    status = latestStatus(repository, deployment.json().path("id").asLong());
                } catch (DeploymentSourceException e) {
                    // Usually a rate limit or an outage: asking again for the next one would fail the same way.
                    result.fail(new DeploymentSourceException(
                            e.getMessage() + " (statuses of the remaining deployments not read)", e.status()));
                    statusesReadable = false;
                }
            }
            result.add(toDeployment(repository, deployment, status));
        }
    }

    private List<Listed> list(Repository repository, Instant since, PartialResult result) {
        HttpUrl.Builder first = deploymentsUrl(repository).newBuilder();
        if (!repository.environment().isEmpty()) {
            first.addQueryParameter("environment", repository.environment());
        }
        HttpUrl url = first.addQueryParameter("per_page", Integer.toString(perPage)).build();
        List<Listed> listed = new ArrayList<>();
        for (int page = 1; page <= maxPages; page++) {
            ReadOnlyPeer.Answer answer = get(url);
            if (!answer.isSuccessful()) {
                throw errorFor(answer, repository);
            }
            JsonNode items = json(answer);
            if (!items.isArray()) {
                throw failure(answer.status(), "GitHub sent " + JsonValues.describe(items)
                        + " instead of a list of deployments for " + answer.where());
            }
            boolean reachedOlder = false;
            for (JsonNode item : items) {
                Optional<Instant> created = DeploymentTimes.parse(item.path("created_at"));
                if (created.isEmpty()) {
                    continue;
                }
                if (created.get().isBefore(since)) {
                    // GitHub lists newest first, so later pages only hold older deployments.
                    reachedOlder = true;
                } else if (listed.size() < maxPerRepository) {
                    listed.add(new Listed(item, created.get()));
                }
            }
            Optional<String> next = LinkHeader.next(answer.headers().get("Link"));
            if (reachedOlder || listed.size() >= maxPerRepository || next.isEmpty()) {
                break;
            }
            HttpUrl nextUrl = peer.base().resolve(next.get());
            if (nextUrl == null || !peer.isOwnOrigin(nextUrl)) {
                // Following it would send the token to another host.
                result.fail(failure(answer.status(), "GitHub linked the next page of " + repository.repo()
                        + " deployments to " + (nextUrl == null ? "an invalid URL" : FailureText.url(nextUrl))
                        + ", outside " + FailureText.url(peer.base()) + "; older deployments not read"));
                break;
            }
            url = nextUrl;
        }
        return listed;
    }

    /** The newest status of a deployment (GitHub lists statuses newest first), or null when it has none. */
    private JsonNode latestStatus(Repository repository, long id) {
        HttpUrl url = deploymentsUrl(repository).newBuilder()
                .addPathSegment(Long.toString(id))
                .addPathSegment("statuses")
                .addQueryParameter("per_page", "1")
                .build();
        ReadOnlyPeer.Answer answer = get(url);
        if (!answer.isSuccessful()) {
            throw errorFor(answer, repository);
        }
        JsonNode statuses = json(answer);
        return statuses.isArray() && !statuses.isEmpty() ? statuses.get(0) : null;
    }

    private Deployment toDeployment(Repository repository, Listed listed, JsonNode status) {
        JsonNode json = listed.json();
        String sha = JsonValues.text(json, "sha");
        String ref = JsonValues.text(json, "ref");
        String link = "";
        String state = "";
        if (status != null) {
            state = JsonValues.text(status, "state");
            link = JsonValues.firstText(status, "log_url", "environment_url", "target_url");
        }
        if (link.isEmpty()) {
            link = webRoot(peer.base()) + "/" + repository.repo() + "/deployments";
        }
        return new Deployment(repository.service(), ref.isEmpty() ? sha : ref, JsonValues.text(json, "environment"),
                listed.created(), json.path("creator").path("login").asText(""), sha, link, state, name());
    }

    private HttpUrl deploymentsUrl(Repository repository) {
        return peer.url("repos", repository.owner(), repository.name(), "deployments").build();
    }

    /** GitHub's error answers in the words an on-call engineer needs: what failed and what to do. */
    private DeploymentSourceException errorFor(ReadOnlyPeer.Answer answer, Repository repository) {
        int status = answer.status();
        String said = "HTTP " + status + JsonValues.field(answer.body(), "message").map(m -> ": " + m).orElse("");
        Headers headers = answer.headers();
        if ((status == 403 || status == 429) && "0".equals(headers.get("x-ratelimit-remaining"))) {
            String reset = Optional.ofNullable(headers.get("x-ratelimit-reset"))
                    .flatMap(DeploymentTimes::parse)
                    .map(at -> "; it resets at " + at)
                    .orElse("");
            return failure(status, "GitHub rate limit is used up (" + said + ") for " + answer.where() + reset);
        }
        boolean secondaryLimit = headers.get("retry-after") != null
                || said.toLowerCase(Locale.ROOT).contains("secondary rate limit");
        if ((status == 403 || status == 429) && secondaryLimit) {
            // GitHub's advice: wait retry-after seconds when given, otherwise at least a minute.
            String wait = headers.get("retry-after") != null
                    ? "retry after " + headers.get("retry-after") + "s"
                    : "wait at least a minute before asking again";
            return failure(status, "GitHub secondary rate limit hit (" + said + ") for " + answer.where() + "; "
                    + wait);
        }
        return switch (status) {
            case 401 -> failure(status, "GitHub rejected the token (" + said + ") for " + answer.where()
                    + "; check the token configured for this source");
            case 403 -> failure(status, "GitHub denied access to " + repository.repo() + " (" + said + ") for "
                    + answer.where() + "; the token needs read access to deployments of this repository");
            case 404 -> failure(status, "GitHub has no repository " + repository.repo()
                    + ", or the token cannot see it (" + said + ") for " + answer.where()
                    + (hasToken ? "" : "; no token is configured, and private repositories need one"));
            default -> unexpectedStatus(answer, "");
        };
    }

    /**
     * The web address matching a GitHub API base, for links people open: {@code api.github.com}
     * serves {@code github.com}, Enterprise Server serves its API under {@code /api/v3}.
     */
    static String webRoot(HttpUrl api) {
        HttpUrl.Builder web = api.newBuilder().query(null).fragment(null);
        if (api.host().startsWith("api.")) {
            web.host(api.host().substring("api.".length()));
        }
        String path = api.encodedPath().replaceAll("/+$", "");
        if (path.endsWith("/api/v3")) {
            path = path.substring(0, path.length() - "/api/v3".length());
        }
        String root = web.encodedPath("/").build().toString();
        return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path;
    }

    private record Listed(JsonNode json, Instant created) {
    }
}
