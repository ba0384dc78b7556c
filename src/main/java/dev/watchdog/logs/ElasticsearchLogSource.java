package dev.watchdog.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.watchdog.logs.LogSearchResult.ErrorTypeCount;
import dev.watchdog.http.FailureText;
import dev.watchdog.http.PeerAuth;
import dev.watchdog.security.UntrustedText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Searches Elasticsearch or OpenSearch with {@code POST /<index>/_search} (a read, whatever the verb):
 * a {@code bool} query of the escaped search text, a time range and optionally the level, newest first,
 * with aggregations that count levels and error types over every match, not only the returned ones.
 * {@link #checkCredentials()} calls {@code GET /<index>/_count}. No other endpoint is called.
 */
public final class ElasticsearchLogSource extends HttpLogSource {

    /** Characters with a meaning in query_string syntax, escaped with a backslash. */
    private static final String QUERY_STRING_SPECIAL = "+-=&|!(){}[]^\"~*?:\\/";
    private static final Set<String> OPERATOR_WORDS = Set.of("AND", "OR", "NOT");
    private static final int LEVEL_BUCKETS = 20;

    private final LogsSettings.ElasticsearchSource settings;
    private final String product;
    private final Clock clock;

    public ElasticsearchLogSource(LogsSettings.ElasticsearchSource settings, Duration timeout, OkHttpClient shared,
            Clock clock) {
        this(settings, timeout, shared, clock, DEFAULT_MAX_RESPONSE_BYTES);
    }

    ElasticsearchLogSource(LogsSettings.ElasticsearchSource settings, Duration timeout, OkHttpClient shared, Clock clock,
            long maxResponseBytes) {
        super(settings.name(), product(settings), settings.url(), auth(settings), shared, timeout, maxResponseBytes,
                "check api-key or username/password in the logs configuration, and that the user may read index "
                        + settings.index());
        this.settings = settings;
        this.product = product(settings);
        this.clock = clock;
    }

    private static String product(LogsSettings.ElasticsearchSource settings) {
        return settings.flavour().equals("opensearch") ? "OpenSearch" : "Elasticsearch";
    }

    private static PeerAuth auth(LogsSettings.ElasticsearchSource settings) {
        return settings.apiKey().isEmpty() ? PeerAuth.basic(settings.username(), settings.password())
                : PeerAuth.apiKey(settings.apiKey());
    }

    @Override
    public LogSearchResult search(LogQuery query) {
        LogQuery bounded = query.endingAtIfOpen(clock.instant());
        String subject = "search " + (bounded.text().isEmpty() ? "of all entries" : "for '" + bounded.text() + "'")
                + bounded.minimumLevel().map(level -> " at level " + level.name().toLowerCase(Locale.ROOT) + " or worse")
                        .orElse("")
                + " in index " + settings.index();
        HttpUrl url = peer.url(settings.index(), "_search").build();
        return answered(bounded, () -> read(postSearch(url, requestBody(bounded).toString(), subject), bounded,
                subject));
    }

    @Override
    public List<String> checkCredentials() {
        try {
            JsonNode json = get(peer.url(settings.index(), "_count").build(), "the count of index "
                    + settings.index());
            if (!json.path("count").isNumber()) {
                return List.of(describe() + ": unexpected answer for the count of index " + settings.index() + ": "
                        + FailureText.snippet(json.toString()));
            }
            return List.of();
        } catch (LogSourceException e) {
            return List.of(e.getMessage());
        }
    }

    /** The {@code _search} body; package-private so that tests can compare it whole. */
    ObjectNode requestBody(LogQuery query) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", settings.limit());
        body.put("track_total_hits", true);
        // Elasticsearch stops collecting when we stop waiting, and says so in timed_out.
        body.put("timeout", FailureText.duration(peer.timeout()));
        body.putArray("sort").addObject().putObject(settings.timestampField()).put("order", "desc");
        ArrayNode source = body.putArray("_source");
        fields().forEach(source::add);

        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.addObject().putObject("range").putObject(settings.timestampField())
                .put("gte", query.start().toEpochMilli())
                .put("lt", query.end().toEpochMilli())
                .put("format", "epoch_millis");
        if (!settings.levelField().isEmpty()) {
            query.minimumLevel().ifPresent(minimum -> {
                ArrayNode values = filter.addObject().putObject("terms").putArray(settings.levelField());
                levelValues(minimum).forEach(values::add);
            });
        }
        if (!query.text().isEmpty()) {
            ObjectNode must = bool.putArray("must").addObject();
            if (query.isRegex()) {
                // Lucene regular expressions match whole terms: .* on both sides finds the pattern inside one.
                // No optional operators: @ # & < > ~ stay literal characters, as in the model's regex.
                must.putObject("regexp").putObject(settings.messageField())
                        .put("value", ".*(" + query.regex() + ").*")
                        .put("flags", "NONE")
                        .put("case_insensitive", true);
            } else {
                must.putObject("query_string")
                        .put("query", escapeQueryString(query.text()))
                        .put("default_field", settings.messageField())
                        .put("default_operator", "AND");
            }
        }
        if (!settings.levelField().isEmpty() || !settings.errorTypeField().isEmpty()) {
            ObjectNode aggs = body.putObject("aggs");
            if (!settings.levelField().isEmpty()) {
                aggs.putObject("levels").putObject("terms").put("field", settings.levelField()).put("size", LEVEL_BUCKETS);
            }
            if (!settings.errorTypeField().isEmpty()) {
                aggs.putObject("error_types").putObject("terms").put("field", settings.errorTypeField())
                        .put("size", LogSearchResult.MAX_ERROR_TYPES);
            }
        }
        return body;
    }

    private List<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        fields.add(settings.timestampField());
        fields.add(settings.messageField());
        if (!settings.levelField().isEmpty()) {
            fields.add(settings.levelField());
        }
        if (!settings.errorTypeField().isEmpty()) {
            fields.add(settings.errorTypeField());
        }
        return List.copyOf(fields);
    }

    /** Level values as applications write them: error, ERROR, Error, err, ... for every level at least {@code minimum}. */
    static List<String> levelValues(LogLevel minimum) {
        Set<String> values = new LinkedHashSet<>();
        for (LogLevel level : LogLevel.atLeastLevels(minimum)) {
            for (String spelling : level.spellings()) {
                values.add(spelling);
                values.add(spelling.toUpperCase(Locale.ROOT));
                values.add(Character.toUpperCase(spelling.charAt(0)) + spelling.substring(1));
            }
        }
        return List.copyOf(values);
    }

    /**
     * The text as query_string terms with no operator meaning: special characters escaped, and
     * {@code <} {@code >} (which cannot be escaped) replaced by spaces, as Elasticsearch's documentation
     * advises; the words AND, OR and NOT become plain words.
     */
    static String escapeQueryString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '>') {
                out.append(' ');
            } else {
                if (QUERY_STRING_SPECIAL.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        String[] words = out.toString().split(" ", -1);
        for (int i = 0; i < words.length; i++) {
            if (OPERATOR_WORDS.contains(words[i])) {
                words[i] = "\\" + words[i];
            }
        }
        return String.join(" ", words).strip();
    }

    private LogSearchResult read(JsonNode json, LogQuery query, String subject) {
        JsonNode hits = json.path("hits");
        JsonNode totalNode = hits.path("total");
        long serverTotal = totalNode.isNumber() ? totalNode.asLong() : totalNode.path("value").asLong(-1);
        if (!hits.path("hits").isArray() || serverTotal < 0) {
            return LogSearchResult.failed(query, describe() + ": unexpected answer for " + subject
                    + " (no hits.total and hits.hits): " + FailureText.snippet(json.toString()));
        }
        boolean levelOnServer = !settings.levelField().isEmpty();
        LogLevel clientSideLevel = levelOnServer ? null : query.minimumLevel().orElse(null);
        MatchCollector collector = new MatchCollector(settings.name(), TextFilter.ALL, clientSideLevel);
        int returned = 0;
        for (JsonNode hit : hits.path("hits")) {
            LogEntry entry = entryOf(hit.path("_source"));
            if (entry != null) {
                returned++;
                collector.offer(entry);
            }
        }
        boolean allReturned = returned >= serverTotal;
        List<String> limits = new ArrayList<>();
        if (!allReturned && (!levelOnServer || settings.errorTypeField().isEmpty())) {
            limits.add(settings.name() + ": " + (levelOnServer ? "error types" : "levels and error types")
                    + " are from the newest " + returned + " of " + serverTotal + " matching entries"
                    + (levelOnServer ? " (set error-type-field to count all)" : " (set level-field to count all)"));
        }
        shardProblems(json).ifPresent(limits::add);
        long total = levelOnServer || clientSideLevel == null ? serverTotal : collector.total();
        Map<LogLevel, Long> levels = levelOnServer ? levelBuckets(json) : collector.levels();
        List<ErrorTypeCount> errorTypes = settings.errorTypeField().isEmpty() ? collector.errorTypes()
                : errorTypeBuckets(json);
        return new LogSearchResult(query, total, levels, errorTypes, collector.samples(), 0, 0, limits, List.of());
    }

    private LogEntry entryOf(JsonNode source) {
        Instant time = Timestamps.parseValue(LineParser.field(source, settings.timestampField()), clock.getZone(),
                clock.instant());
        if (time == null) {
            return null;
        }
        JsonNode messageNode = LineParser.field(source, settings.messageField());
        String message = messageNode == null ? source.toString() : LineParser.textOf(messageNode);
        LogLevel level = settings.levelField().isEmpty() ? LogLevel.detect(message)
                : LogLevel.of(LineParser.textOf(LineParser.field(source, settings.levelField())));
        String errorType = settings.errorTypeField().isEmpty() ? null
                : LineParser.textOf(LineParser.field(source, settings.errorTypeField()));
        return new LogEntry(time, level, message, message, errorType);
    }

    private static Map<LogLevel, Long> levelBuckets(JsonNode json) {
        Map<LogLevel, Long> levels = new EnumMap<>(LogLevel.class);
        for (JsonNode bucket : json.path("aggregations").path("levels").path("buckets")) {
            levels.merge(LogLevel.of(bucket.path("key").asText()), bucket.path("doc_count").asLong(), Long::sum);
        }
        return levels;
    }

    private static List<ErrorTypeCount> errorTypeBuckets(JsonNode json) {
        List<ErrorTypeCount> types = new ArrayList<>();
        for (JsonNode bucket : json.path("aggregations").path("error_types").path("buckets")) {
            types.add(new ErrorTypeCount(bucket.path("key").asText(), bucket.path("doc_count").asLong()));
        }
        return types;
    }

    /** Failed shards or a server-side timeout still answer 200, with fewer matches than there are. */
    private Optional<String> shardProblems(JsonNode json) {
        JsonNode shards = json.path("_shards");
        int failed = shards.path("failed").asInt(0);
        if (failed > 0) {
            JsonNode first = shards.path("failures").path(0).path("reason");
            String reason = first.isMissingNode() ? "" : ": " + first.path("type").asText("") + ": "
                    + first.path("reason").asText("");
            return Optional.of(settings.name() + ": " + failed + " of " + shards.path("total").asInt()
                    + " shards failed" + reason + "; their entries were not counted");
        }
        if (json.path("timed_out").asBoolean(false)) {
            return Optional.of(settings.name() + ": " + product + " stopped searching after the timeout of "
                    + FailureText.duration(peer.timeout()) + "; entries it had not reached were not counted");
        }
        return Optional.empty();
    }

    /**
     * Elasticsearch and OpenSearch errors: {@code {"error":{"type":…,"reason":…,"root_cause":[…]},"status":400}},
     * read as "type: reason; root cause type: reason", with advice for the common configuration mistakes.
     */
    @Override
    String errorDetail(int status, String body) {
        JsonNode json = parse(body);
        if (json == null) {
            String text = body.strip();
            return text.isEmpty() || text.startsWith("<") ? null : FailureText.snippet(text);
        }
        JsonNode error = json.path("error");
        if (error.isTextual()) {
            return FailureText.snippet(error.asText());
        }
        if (!error.isObject()) {
            return null;
        }
        String detail = error.path("type").asText("error") + ": " + error.path("reason").asText("");
        JsonNode root = error.path("root_cause").path(0);
        if (root.isObject() && !root.path("reason").asText("").equals(error.path("reason").asText(""))) {
            detail += "; root cause " + root.path("type").asText("") + ": " + root.path("reason").asText("");
        } else if (error.path("caused_by").isObject()) {
            detail += "; caused by " + error.path("caused_by").path("type").asText("") + ": "
                    + error.path("caused_by").path("reason").asText("");
        }
        return UntrustedText.cut(detail, 240) + advice(detail);
    }

    private static String advice(String detail) {
        if (detail.contains("index_not_found_exception")) {
            return " (check index in the logs configuration)";
        }
        if (detail.contains("fielddata") || detail.contains("Text fields are not optimised")) {
            return " (level-field and error-type-field must be keyword fields, e.g. log.level or level.keyword)";
        }
        if (detail.contains("No mapping found for") && detail.contains("sort")) {
            return " (check timestamp-field in the logs configuration)";
        }
        if (detail.contains("parse_exception") || detail.contains("query_shard_exception")
                || detail.contains("Failed to parse query")) {
            return " (check the search text)";
        }
        return "";
    }
}
