package dev.watchdog.deploys;

import dev.watchdog.config.ConfigHeaders;
import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Urls;
import dev.watchdog.deploys.DeploymentsSettings.ArgoCdApplication;
import dev.watchdog.deploys.DeploymentsSettings.ArgoCdSource;
import dev.watchdog.deploys.DeploymentsSettings.FileSource;
import dev.watchdog.deploys.DeploymentsSettings.GitHubRepository;
import dev.watchdog.deploys.DeploymentsSettings.GitHubSource;
import dev.watchdog.deploys.DeploymentsSettings.Source;
import dev.watchdog.deploys.DeploymentsSettings.UrlSource;
import dev.watchdog.security.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds the items of {@code deployments.sources}, one type at a time, reporting every problem. */
final class DeploymentSourceBinder {

    static final List<String> TYPES = List.of("github", "argocd", "url", "file");
    /** The names of {@code dev.watchdog.deploys.Deployment}'s fields that a JSON entry can map. */
    static final List<String> FIELDS =
            List.of("service", "version", "time", "who", "commit", "link", "status", "environment");

    private static final Pattern OWNER_REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    /** RFC 6901: "/"-separated tokens in which "~" only starts the escapes "~0" and "~1". */
    private static final Pattern JSON_POINTER = Pattern.compile("(?:/(?:[^~/]|~[01])*+)++");

    private DeploymentSourceBinder() {
    }

    static List<Source> bindAll(List<ConfigNode> items) {
        List<Source> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode item : items) {
            bind(item).ifPresent(source -> {
                if (names.add(source.name())) {
                    sources.add(source);
                } else {
                    item.field("name").orElse(item).problem("\"" + source.name()
                            + "\" is already the name of another source (names must be unique)");
                }
            });
        }
        return sources;
    }

    private static Optional<Source> bind(ConfigNode item) {
        if (!item.isMapping()) {
            item.allowOnly(); // reports what it must be
            return Optional.empty();
        }
        String name = item.requiredString("name").strip();
        String type = item.requiredString("type").strip();
        if (type.isEmpty()) {
            return Optional.empty();
        }
        return switch (type) {
            case "github" -> Optional.of(github(item, name));
            case "argocd" -> Optional.of(argoCd(item, name));
            case "url" -> Optional.of(url(item, name));
            case "file" -> Optional.of(file(item, name));
            default -> {
                item.field("type").get().problem("\"" + type + "\" is not a source type (allowed: "
                        + String.join(", ", TYPES) + ")");
                yield Optional.empty();
            }
        };
    }

    private static GitHubSource github(ConfigNode item, String name) {
        item.allowOnly("name", "type", "url", "token", "repositories");
        String url = Urls.httpUrl(item, "url", DeploymentsSettings.DEFAULT_GITHUB_URL);
        List<GitHubRepository> repositories = new ArrayList<>();
        for (ConfigNode repository : nonEmptyList(item, "repositories", "repository (repo: owner/name)")) {
            repository.allowOnly("repo", "service", "environment");
            String repo = repository.requiredString("repo").strip();
            if (!repo.isEmpty() && !isOwnerRepo(repo)) {
                repository.field("repo").get().problem("\"" + repo + "\" is not owner/name (e.g. acme/checkout)");
            }
            repositories.add(new GitHubRepository(repo, repository.string("service", "").strip(),
                    repository.string("environment", "").strip()));
        }
        return new GitHubSource(name, url, item.secret("token"), repositories);
    }

    private static ArgoCdSource argoCd(ConfigNode item, String name) {
        item.allowOnly("name", "type", "url", "token", "applications");
        String url = requiredUrl(item);
        List<ArgoCdApplication> applications = new ArrayList<>();
        for (ConfigNode application : nonEmptyList(item, "applications", "application (name: ...)")) {
            application.allowOnly("name", "namespace", "service", "environment");
            applications.add(new ArgoCdApplication(application.requiredString("name").strip(),
                    application.string("namespace", "").strip(), application.string("service", "").strip(),
                    application.string("environment", "").strip()));
        }
        return new ArgoCdSource(name, url, item.secret("token"), applications);
    }

    private static UrlSource url(ConfigNode item, String name) {
        item.allowOnly("name", "type", "url", "token", "username", "password", "headers", "items", "fields");
        String url = requiredUrl(item);
        Secret token = item.secret("token");
        String username = item.string("username", "");
        Secret password = item.secret("password");
        if (token.isPresent() && !username.isEmpty()) {
            item.field("username").get().problem("use either token or username and password, not both");
        }
        if (password.isPresent() && username.isEmpty()) {
            item.field("password").get().problem("needs a username (basic auth)");
        }
        boolean hasCredentials = token.isPresent() || !username.isEmpty();
        Map<String, Secret> headers = ConfigHeaders.bind(item, "headers", (header, value) ->
                hasCredentials && header.equalsIgnoreCase("Authorization")
                        ? Optional.of("conflicts with token or username; set the credentials one way")
                        : Optional.empty());
        String items = item.string("items", "").strip();
        if (!items.isEmpty() && !isJsonPointer(items)) {
            item.field("items").get().problem("\"" + items + "\" is not a JSON pointer (e.g. /data/items)");
            items = "";
        }
        return new UrlSource(name, url, token, username, password, headers, items, fields(item));
    }

    private static FileSource file(ConfigNode item, String name) {
        item.allowOnly("name", "type", "path", "fields");
        String path = item.requiredString("path").strip();
        // Like rule-files: relative to the config file, so the result does not depend on the working directory.
        Path configDir = Path.of(item.file()).toAbsolutePath().getParent();
        return new FileSource(name, configDir.resolve(path).normalize(), fields(item));
    }

    private static String requiredUrl(ConfigNode item) {
        if (!item.has("url")) {
            item.requiredString("url"); // reports it
            return "";
        }
        return Urls.httpUrl(item, "url", "");
    }

    private static List<ConfigNode> nonEmptyList(ConfigNode item, String key, String what) {
        if (!item.has(key)) {
            item.problem(key + " is required: list at least one " + what);
            return List.of();
        }
        List<ConfigNode> list = item.list(key);
        if (list.isEmpty() && !item.field(key).get().isMapping()) { // a mapping is reported by list()
            item.field(key).get().problem("must list at least one " + what);
        }
        return list;
    }

    private static Map<String, String> fields(ConfigNode item) {
        Map<String, String> fields = new LinkedHashMap<>();
        Optional<ConfigNode> node = item.field("fields");
        if (node.isEmpty() || !node.get().allowOnly(FIELDS.toArray(String[]::new))) {
            return fields;
        }
        node.get().asMap(value -> value).forEach((field, value) -> {
            String jsonName = value.text().orElse(null);
            if (jsonName == null || !FIELDS.contains(field)) {
                return; // reported by text() or allowOnly
            }
            if (jsonName.isBlank()) {
                value.problem("must name the JSON field that holds the " + field);
            } else if (jsonName.startsWith("/") && !isJsonPointer(jsonName)) {
                value.problem("\"" + jsonName + "\" is not a JSON pointer (e.g. /actor/login)");
            } else {
                fields.put(field, jsonName.strip());
            }
        });
        return fields;
    }

    /** {@code owner/name}; "." and ".." are refused because they would change the API path. */
    private static boolean isOwnerRepo(String repo) {
        return OWNER_REPO.matcher(repo).matches()
                && List.of(repo.split("/")).stream().noneMatch(part -> part.equals(".") || part.equals(".."));
    }

    private static boolean isJsonPointer(String text) {
        return JSON_POINTER.matcher(text).matches();
    }
}
