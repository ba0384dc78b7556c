package dev.watchdog.deploys;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.security.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code deployments:} section: where Watchdog reads "what changed?" from. Every source only
 * reads.
 *
 * @param timeout    how long a lookup waits for each source, and each source for each HTTP request
 * @param maxResults at most this many deployments per lookup, newest first
 */
public record DeploymentsSettings(Duration timeout, int maxResults, List<Source> sources) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_RESULTS = 20;
    public static final String DEFAULT_GITHUB_URL = "https://api.github.com";

    public DeploymentsSettings {
        sources = List.copyOf(sources);
    }

    /** One configured source; {@link #name()} is unique in the section. */
    public sealed interface Source permits GitHubSource, ArgoCdSource, UrlSource, FileSource {
        String name();
    }

    /** @param url the API base: {@code https://api.github.com} or {@code https://host/api/v3} */
    public record GitHubSource(String name, String url, Secret token, List<GitHubRepository> repositories)
            implements Source {

        public GitHubSource {
            repositories = List.copyOf(repositories);
        }
    }

    /**
     * @param repo        {@code owner/name}
     * @param service     empty: the repository name
     * @param environment empty: every environment
     */
    public record GitHubRepository(String repo, String service, String environment) {
    }

    public record ArgoCdSource(String name, String url, Secret token, List<ArgoCdApplication> applications)
            implements Source {

        public ArgoCdSource {
            applications = List.copyOf(applications);
        }
    }

    /**
     * @param namespace empty unless the application lives outside Argo CD's namespace
     * @param service   empty: the application name
     */
    public record ArgoCdApplication(String name, String namespace, String service, String environment) {
    }

    /**
     * @param items  JSON pointer to the list in the answer; empty when the answer is the list
     * @param fields deployment field to the JSON name (or pointer) that holds it, for fields not named alike
     */
    public record UrlSource(String name, String url, Secret token, String username, Secret password,
            Map<String, Secret> headers, String items, Map<String, String> fields) implements Source {

        public UrlSource {
            headers = Map.copyOf(headers);
            fields = Map.copyOf(fields);
        }
    }

    /** @param path absolute; a relative path in the file is relative to the config file */
    public record FileSource(String name, Path path, Map<String, String> fields) implements Source {

        public FileSource {
            fields = Map.copyOf(fields);
        }
    }

    public static DeploymentsSettings none() {
        return new DeploymentsSettings(DEFAULT_TIMEOUT, DEFAULT_MAX_RESULTS, List.of());
    }

    /** Every configured credential (tokens, passwords, header values), for the redactor. */
    public List<String> secrets() {
        List<Secret> secrets = new ArrayList<>();
        for (Source source : sources) {
            if (source instanceof GitHubSource github) {
                secrets.add(github.token());
            } else if (source instanceof ArgoCdSource argo) {
                secrets.add(argo.token());
            } else if (source instanceof UrlSource url) {
                secrets.add(url.token());
                secrets.add(url.password());
                secrets.addAll(url.headers().values());
            }
        }
        return secrets.stream().filter(Secret::isPresent).map(Secret::reveal).toList();
    }

    public static DeploymentsSettings bind(ConfigNode node) {
        node.allowOnly("timeout", "max-results", "sources");
        Duration timeout = node.duration("timeout", DEFAULT_TIMEOUT,
                given -> !given.isZero() && given.compareTo(Duration.ofMinutes(2)) <= 0,
                "must be more than 0s and at most 2m (an analysis waits this long for a slow source)");
        int maxResults = node.integer("max-results", DEFAULT_MAX_RESULTS, 1, 100);
        return new DeploymentsSettings(timeout, maxResults, DeploymentSourceBinder.bindAll(node.list("sources")));
    }
}
