package dev.watchdog.logs;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.config.Urls;
import dev.watchdog.logs.LogsSettings.ElasticsearchSource;
import dev.watchdog.logs.LogsSettings.FileSource;
import dev.watchdog.logs.LogsSettings.LokiSource;
import dev.watchdog.logs.LogsSettings.Source;
import dev.watchdog.security.Secret;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Binds the items of {@code logs.sources}, one type at a time, reporting every problem. */
final class LogSourceBinder {

    static final List<String> TYPES = List.of("file", "loki", "elasticsearch", "opensearch");
    static final List<String> FILE_FORMATS = List.of("auto", "json", "text");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Index names and patterns; no "/" or leading "_", so the path can only be {@code /<index>/_search}. */
    private static final Pattern INDEX = Pattern.compile("[a-z0-9*.][a-z0-9._*,:-]*");

    private LogSourceBinder() {
    }

    static List<Source> bindAll(List<ConfigNode> items) {
        List<Source> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode item : items) {
            bindSource(item, names).ifPresent(sources::add);
        }
        return sources;
    }

    private static Optional<Source> bindSource(ConfigNode node, Set<String> names) {
        if (!node.isMapping()) {
            node.problem("must be a mapping with name, type and the type's settings, not a single value or a list");
            return Optional.empty();
        }
        String name = node.string("name", "").strip();
        if (!node.has("name")) {
            missing(node, "name", "a unique name for the source, e.g. app-files");
        } else if (!NAME.matcher(name).matches()) {
            node.field("name").orElse(node).problem("\"" + name + "\" is not a source name (letters, digits, "
                    + "and . _ - after the first character, at most 64)");
        } else if (!names.add(name)) {
            node.field("name").orElse(node).problem("\"" + name + "\" is already the name of another source; "
                    + "names must be unique");
        }
        Optional<ConfigNode> typeNode = node.field("type");
        if (typeNode.isEmpty()) {
            node.allowOnly(allKeys());
            missing(node, "type", "allowed: " + String.join(", ", TYPES));
            return Optional.empty();
        }
        String type = typeNode.get().text().orElse("").strip();
        return switch (type) {
            case "file" -> Optional.of(bindFile(node, name));
            case "loki" -> Optional.of(bindLoki(node, name));
            case "elasticsearch", "opensearch" -> Optional.of(bindElasticsearch(node, name, type));
            default -> {
                typeNode.get().problem("\"" + type + "\" is not a log source type (allowed: " + String.join(", ", TYPES)
                        + ")");
                yield Optional.empty();
            }
        };
    }

    private static FileSource bindFile(ConfigNode node, String name) {
        node.allowOnly("name", "type", "paths", "format");
        List<String> paths = new ArrayList<>();
        if (!node.has("paths")) {
            missing(node, "paths", "a list of absolute paths or globs, e.g. [/var/log/app/*.log]");
        }
        for (ConfigNode item : node.list("paths")) {
            String path = item.text().orElse("").strip();
            if (validFilePattern(item, path)) {
                paths.add(path);
            }
        }
        if (node.has("paths") && node.list("paths").isEmpty() && paths.isEmpty()) {
            node.field("paths").ifPresent(p -> p.problem("must list at least one path or glob"));
        }
        String format = node.string("format", "auto").strip().toLowerCase(Locale.ROOT);
        if (!FILE_FORMATS.contains(format)) {
            node.field("format").orElse(node).problem("\"" + format + "\" is not a log format (allowed: "
                    + String.join(", ", FILE_FORMATS) + ")");
            format = "auto";
        }
        return new FileSource(name, paths, format);
    }

    private static boolean validFilePattern(ConfigNode item, String path) {
        Path parsed;
        try {
            parsed = Path.of(path);
        } catch (InvalidPathException invalid) {
            item.problem("\"" + path + "\" is not a valid path: " + invalid.getReason());
            return false;
        }
        if (path.isEmpty() || !parsed.isAbsolute()) {
            item.problem("\"" + path + "\" is not an absolute path (file sources read absolute paths or globs only, "
                    + "e.g. /var/log/app/*.log)");
            return false;
        }
        for (Path segment : parsed) {
            if (segment.toString().equals("..")) {
                item.problem("\"" + path + "\" must not contain \"..\"; write the directory it leads to");
                return false;
            }
        }
        if (parsed.getFileName() == null) {
            item.problem("\"" + path + "\" names a directory; add a file name or glob, e.g. "
                    + (path.endsWith("/") ? path : path + "/") + "*.log");
            return false;
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + path);
        } catch (PatternSyntaxException invalid) {
            item.problem("\"" + path + "\" is not a valid glob: " + invalid.getDescription());
            return false;
        }
        return true;
    }

    private static LokiSource bindLoki(ConfigNode node, String name) {
        node.allowOnly("name", "type", "url", "selector", "tenant", "username", "password", "token", "limit");
        String url = requiredUrl(node, "the Loki base URL, e.g. http://loki:3100");
        String selector = node.string("selector", "").strip();
        if (!node.has("selector")) {
            missing(node, "selector", "a LogQL stream selector, e.g. {app=\"checkout\"}");
        } else if (!(selector.startsWith("{") && selector.endsWith("}"))) {
            node.field("selector").orElse(node).problem("\"" + selector + "\" is not a LogQL stream selector "
                    + "(labels in braces, e.g. {app=\"checkout\"})");
        }
        String username = optional(node, "username");
        Secret password = node.secret("password");
        Secret token = node.secret("token");
        checkBasicAuth(node, username, password);
        if (token.isPresent() && !username.isEmpty()) {
            node.field("token").orElse(node).problem("set either username and password or token, not both");
        }
        return new LokiSource(name, url, selector, optional(node, "tenant"), username, password, token,
                node.integer("limit", 1000, 1, 5000));
    }

    private static ElasticsearchSource bindElasticsearch(ConfigNode node, String name, String flavour) {
        node.allowOnly("name", "type", "url", "index", "timestamp-field", "level-field", "message-field",
                "error-type-field", "api-key", "username", "password", "limit");
        String url = requiredUrl(node, "the " + (flavour.equals("opensearch") ? "OpenSearch" : "Elasticsearch")
                + " base URL, e.g. https://es:9200");
        String index = node.string("index", "").strip();
        if (!node.has("index")) {
            missing(node, "index", "an index name or pattern, e.g. logs-*");
        } else if (!INDEX.matcher(index).matches() || index.equals(".") || index.equals("..")) {
            node.field("index").orElse(node).problem("\"" + index + "\" is not an index name or pattern (lower-case "
                    + "letters, digits and . _ - * , : only, not starting with _ or -), e.g. logs-*");
        }
        Secret apiKey = node.secret("api-key");
        String username = optional(node, "username");
        Secret password = node.secret("password");
        checkBasicAuth(node, username, password);
        if (apiKey.isPresent() && !username.isEmpty()) {
            node.field("api-key").orElse(node).problem("set either api-key or username and password, not both");
        }
        return new ElasticsearchSource(name, flavour, url, index, field(node, "timestamp-field", "@timestamp"),
                field(node, "level-field", ""), field(node, "message-field", "message"),
                field(node, "error-type-field", ""), apiKey, username, password,
                node.integer("limit", 500, 1, 10_000));
    }

    private static String requiredUrl(ConfigNode node, String what) {
        if (!node.has("url")) {
            missing(node, "url", what);
            return "";
        }
        return Urls.httpUrl(node, "url", "");
    }

    private static void checkBasicAuth(ConfigNode node, String username, Secret password) {
        if (!username.isEmpty() && password.isEmpty()) {
            node.field("username").orElse(node).problem("is set but password is empty; set both or neither");
        } else if (username.isEmpty() && !password.isEmpty()) {
            node.field("password").orElse(node).problem("is set but username is empty; set both or neither");
        }
    }

    /** A field name for Elasticsearch; blank means the default. */
    private static String field(ConfigNode node, String key, String fallback) {
        String value = node.string(key, fallback).strip();
        return value.isEmpty() ? fallback : value;
    }

    /** An optional value; {@code ${VAR:-}} with VAR unset gives "", which means "not set". */
    private static String optional(ConfigNode node, String key) {
        return node.string(key, "").strip();
    }

    /** A required key that is missing, reported on the mapping that lacks it. */
    private static void missing(ConfigNode node, String key, String allowed) {
        node.problem("\"" + key + "\" is required (" + allowed + ")");
    }

    private static String[] allKeys() {
        return new String[] {"name", "type", "paths", "format", "url", "selector", "tenant", "username", "password",
            "token", "limit", "index", "timestamp-field", "level-field", "message-field", "error-type-field", "api-key"};
    }
}
