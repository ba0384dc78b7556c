package dev.watchdog.logs;

import dev.watchdog.config.ConfigNode;
import dev.watchdog.security.Secret;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code logs:} section: where the agent may read logs, and how much one search may cost.
 *
 * @param maxLines most lines one search reads from files
 * @param maxBytes most bytes one search reads from files
 * @param timeout  how long one search waits for each source
 */
public record LogsSettings(int maxLines, long maxBytes, Duration timeout, List<Source> sources) {

    public static final int DEFAULT_MAX_LINES = 200_000;
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?");

    public LogsSettings {
        sources = List.copyOf(sources);
    }

    /** One configured source. */
    public sealed interface Source permits FileSource, LokiSource, ElasticsearchSource {
        String name();

        /** Passwords, tokens and keys, to mask wherever text leaves the process. */
        List<Secret> secrets();
    }

    /** @param format {@code auto}, {@code json} or {@code text} */
    public record FileSource(String name, List<String> paths, String format) implements Source {
        public FileSource {
            paths = List.copyOf(paths);
        }

        @Override
        public List<Secret> secrets() {
            return List.of();
        }
    }

    /**
     * @param selector LogQL stream selector, e.g. <code>{app="checkout"}</code>
     * @param tenant   sent as {@code X-Scope-OrgID}; empty for none
     * @param limit    most lines one search asks Loki for
     */
    public record LokiSource(String name, String url, String selector, String tenant, String username, Secret password,
            Secret token, int limit) implements Source {
        @Override
        public List<Secret> secrets() {
            return List.of(password, token);
        }
    }

    /**
     * @param flavour        {@code elasticsearch} or {@code opensearch} (same API; named in messages)
     * @param levelField     empty: levels are read from the message
     * @param errorTypeField empty: error types are read from the returned entries
     * @param limit          most entries one search asks for
     */
    public record ElasticsearchSource(String name, String flavour, String url, String index, String timestampField,
            String levelField, String messageField, String errorTypeField, Secret apiKey, String username,
            Secret password, int limit) implements Source {
        @Override
        public List<Secret> secrets() {
            return List.of(apiKey, password);
        }
    }

    public static LogsSettings none() {
        return new LogsSettings(DEFAULT_MAX_LINES, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, List.of());
    }

    /** Every secret of every source, for the redactor. */
    public List<String> secrets() {
        return sources.stream().flatMap(source -> source.secrets().stream())
                .filter(Secret::isPresent).map(Secret::reveal).toList();
    }

    public static LogsSettings bind(ConfigNode node) {
        node.allowOnly("max-lines", "max-bytes", "timeout", "sources");
        int maxLines = node.integer("max-lines", DEFAULT_MAX_LINES, 1000, 100_000_000);
        long maxBytes = node.field("max-bytes").map(LogsSettings::size).orElse(DEFAULT_MAX_BYTES);
        Duration timeout = node.duration("timeout", DEFAULT_TIMEOUT,
                given -> !given.isZero() && given.compareTo(MAX_TIMEOUT) <= 0, "must be more than 0s and at most 5m");
        return new LogsSettings(maxLines, maxBytes, timeout, LogSourceBinder.bindAll(node.list("sources")));
    }

    private static long size(ConfigNode node) {
        String text = node.text().orElse("").strip();
        Matcher m = SIZE.matcher(text);
        long min = 1024L * 1024;
        long max = 64L * 1024 * 1024 * 1024;
        if (m.matches()) {
            try {
                long value = Math.multiplyExact(Long.parseLong(m.group(1)), unit(m.group(2)));
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (ArithmeticException | NumberFormatException tooLarge) {
                // reported below
            }
        }
        node.problem("\"" + text + "\" is not a size from 1MiB to 64GiB (a number with a unit: B, KB, KiB, MB, MiB, "
                + "GB, GiB, e.g. 256MiB)");
        return DEFAULT_MAX_BYTES;
    }

    private static long unit(String unit) {
        if (unit == null) {
            return 1;
        }
        return switch (unit) {
            case "KB" -> 1000L;
            case "KiB" -> 1024L;
            case "MB" -> 1000L * 1000;
            case "MiB" -> 1024L * 1024;
            case "GB" -> 1000L * 1000 * 1000;
            case "GiB" -> 1024L * 1024 * 1024;
            default -> 1;
        };
    }
}
