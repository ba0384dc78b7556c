package dev.watchdog.deploys;

import com.fasterxml.jackson.databind.JsonNode;
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
public final class GitHubDeploymentSource extends ReadingDeploymentSource {

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

    private final String name;
    private final HttpUrl base;
    private final boolean hasToken;
    private final List<Repository> repositories;
    private final SourceHttp http;
    private final int perPage;
    private final int maxPages;
    private final int maxPerRepository;

    /**
     * @param baseUrl          {@code https://api.github.com}, or {@code https://host/api/v3} for Enterprise Server
     * @param token            sent as {@code Authorization: Bearer}; empty sends no credentials (public repositories)
     * @param timeout          for each request
     * @param maxPerRepository at most this many deployments (and status requests) per repository
     */
    public GitHubDeploymentSource(String name, String baseUrl, String token, List<Repository> repositories,
            Duration timeout, int maxPerRepository, OkHttpClient shared) {
        this(name, baseUrl, token, repositories, timeout, maxPerRepository, shared,
                Math.min(GITHUB_MAX_PER_PAGE, maxPerRepository), DEFAULT_MAX_PAGES, SourceHttp.DEFAULT_MAX_RESPONSE_BYTES);
    }

    GitHubDeploymentSource(String name, String baseUrl, String token, List<Repository> repositories,
            Duration timeout, int maxPerRepository, OkHttpClient shared, int perPage, int maxPages,
            long maxResponseBytes) {
        this.name = name;
        this.base = SourceUrls.parse(name, "GitHub", baseUrl);
        this.hasToken = token != null && !token.isBlank();
        this.repositories = List.copyOf(repositories);
        this.maxPerRepository = maxPerRepository;
        this.perPage = perPage;
        this.maxPages = maxPages;
        Headers.Builder headers = new Headers.Builder()
                .add("Accept", "application/vnd.github+json")
                .add("X-GitHub-Api-Version", "2022-11-28");
        if (hasToken) {
            headers.add("Authorization", "Bearer " + token.strip());
        }
        this.http = new SourceHttp(name, "GitHub", shared, timeout, maxResponseBytes, headers.build());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    PartialResult read(String service, Instant since) {
        return readEach(repositories, Repository::service, service,
                (repository, result) -> readRepository(repository, since, result));
    }

    @Override
    public List<String> checkCredentials() {
        return checkEach(repositories, repository -> {
            SourceHttp.Answer answer = http.get(deploymentsUrl(repository).newBuilder()
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
            SourceHttp.Answer answer = http.get(url);
            if (!answer.isSuccessful()) {
                throw errorFor(answer, repository);
            }
            JsonNode items = http.json(answer);
            if (!items.isArray()) {
                throw http.failure(answer.status(), "GitHub sent " + JsonValues.describe(items)
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
            HttpUrl nextUrl = base.resolve(next.get());
            if (nextUrl == null || !SourceUrls.sameOrigin(nextUrl, base)) {
                // Following it would send the token to another host.
                result.fail(http.failure(answer.status(), "GitHub linked the next page of " + repository.repo()
                        + " deployments to " + (nextUrl == null ? "an invalid URL" : SourceHttp.shown(nextUrl))
                        + ", outside " + SourceHttp.shown(base) + "; older deployments not read"));
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
        SourceHttp.Answer answer = http.get(url);
        if (!answer.isSuccessful()) {
            throw errorFor(answer, repository);
        }
        JsonNode statuses = http.json(answer);
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
            link = SourceUrls.webRoot(base) + "/" + repository.repo() + "/deployments";
        }
        return new Deployment(repository.service(), ref.isEmpty() ? sha : ref, JsonValues.text(json, "environment"),
                listed.created(), json.path("creator").path("login").asText(""), sha, link, state, name);
    }

    private HttpUrl deploymentsUrl(Repository repository) {
        return base.newBuilder()
                .addPathSegment("repos")
                .addPathSegment(repository.owner())
                .addPathSegment(repository.name())
                .addPathSegment("deployments")
                .build();
    }

    /** GitHub's error answers in the words an on-call engineer needs: what failed and what to do. */
    private DeploymentSourceException errorFor(SourceHttp.Answer answer, Repository repository) {
        int status = answer.status();
        String said = "HTTP " + status + JsonValues.field(answer.body(), "message").map(m -> ": " + m).orElse("");
        Headers headers = answer.headers();
        if ((status == 403 || status == 429) && "0".equals(headers.get("x-ratelimit-remaining"))) {
            String reset = Optional.ofNullable(headers.get("x-ratelimit-reset"))
                    .flatMap(DeploymentTimes::parse)
                    .map(at -> "; it resets at " + at)
                    .orElse("");
            return http.failure(status, "GitHub rate limit is used up (" + said + ") for " + answer.where() + reset);
        }
        boolean secondaryLimit = headers.get("retry-after") != null
                || said.toLowerCase(Locale.ROOT).contains("secondary rate limit");
        if ((status == 403 || status == 429) && secondaryLimit) {
            // GitHub's advice: wait retry-after seconds when given, otherwise at least a minute.
            String wait = headers.get("retry-after") != null
                    ? "retry after " + headers.get("retry-after") + "s"
                    : "wait at least a minute before asking again";
            return http.failure(status, "GitHub secondary rate limit hit (" + said + ") for " + answer.where() + "; "
                    + wait);
        }
        return switch (status) {
            case 401 -> http.failure(status, "GitHub rejected the token (" + said + ") for " + answer.where()
                    + "; check the token configured for this source");
            case 403 -> http.failure(status, "GitHub denied access to " + repository.repo() + " (" + said + ") for "
                    + answer.where() + "; the token needs read access to deployments of this repository");
            case 404 -> http.failure(status, "GitHub has no repository " + repository.repo()
                    + ", or the token cannot see it (" + said + ") for " + answer.where()
                    + (hasToken ? "" : "; no token is configured, and private repositories need one"));
            default -> http.unexpectedStatus(answer, "");
        };
    }

    private record Listed(JsonNode json, Instant created) {
    }
}
