package dev.watchdog.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.watchdog.http.FailureText;
import dev.watchdog.http.PeerAuth;
import dev.watchdog.security.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Searches Grafana Loki with {@code GET /loki/api/v1/query_range}: the configured stream selector, the
 * search text as a line filter, newest lines first. Only two read endpoints are ever called:
 * {@code query_range} and, for {@link #checkCredentials()}, {@code labels}.
 *
 * <p>Loki returns at most {@code limit} lines; when it does, the counts cover only those newest lines
 * and the result says so. Levels come from a {@code level} (or {@code detected_level},
 * {@code severity}) stream label, else from the line.
 */
public final class LokiLogSource extends HttpLogSource {

    private static final List<String> LEVEL_LABELS = List.of("level", "detected_level", "severity");

    private final String selector;
    private final int limit;
    private final Clock clock;

    public LokiLogSource(LogsSettings.LokiSource settings, Duration timeout, OkHttpClient shared, Clock clock) {
        this(settings, timeout, shared, clock, DEFAULT_MAX_RESPONSE_BYTES);
    }

    LokiLogSource(LogsSettings.LokiSource settings, Duration timeout, OkHttpClient shared, Clock clock,
            long maxResponseBytes) {
        super(settings.name(), "Loki", settings.url(), auth(settings), shared, timeout, maxResponseBytes,
                "check username/password or token" + (settings.tenant().isEmpty() ? "" : " and tenant")
                        + " in the logs configuration");
        this.selector = settings.selector();
        this.limit = settings.limit();
        this.clock = clock;
    }

    private static PeerAuth auth(LogsSettings.LokiSource settings) {
        PeerAuth auth = PeerAuth.tokenOrBasic(settings.token(), settings.username(), settings.password());
        return settings.tenant().isEmpty() ? auth : auth.withHeader("X-Scope-OrgID", Secret.of(settings.tenant()));
    }

    @Override
    public LogSearchResult search(LogQuery query) {
        LogQuery bounded = query.endingAtIfOpen(clock.instant());
        String logql = LogQl.query(selector, bounded);
        String subject = "query '" + logql + "'";
        HttpUrl url = peer.url("loki", "api", "v1", "query_range")
                .addQueryParameter("query", logql)
                .addQueryParameter("start", nanos(bounded.start()))
                .addQueryParameter("end", nanos(bounded.end()))
                .addQueryParameter("limit", Integer.toString(limit))
                .addQueryParameter("direction", "backward")
                .build();
        return answered(bounded, () -> read(get(url, subject), bounded, subject));
    }

    @Override
    public List<String> checkCredentials() {
        try {
            JsonNode json = get(peer.url("loki", "api", "v1", "labels").build(), "the list of labels");
            if (!"success".equals(json.path("status").asText())) {
                return List.of(describe() + ": unexpected answer for the list of labels: "
                        + FailureText.snippet(json.toString()));
            }
            return List.of();
        } catch (LogSourceException e) {
            return List.of(e.getMessage());
        }
    }

    private LogSearchResult read(JsonNode json, LogQuery query, String subject) {
        JsonNode data = json.path("data");
        if (!"success".equals(json.path("status").asText()) || !"streams".equals(data.path("resultType").asText())
                || !data.path("result").isArray()) {
            return LogSearchResult.failed(query, describe() + ": unexpected answer for " + subject
                    + " (expected status success with resultType streams): " + FailureText.snippet(json.toString()));
        }
        // Loki matched the text; the level filter sent to Loki only narrows to lines with a level word,
        // so each line's level is still checked here.
        MatchCollector collector = new MatchCollector(name(), TextFilter.ALL, query.minimumLevel().orElse(null));
        LineParser parser = new LineParser(LineParser.Format.AUTO, clock.getZone(), clock.instant());
        int lines = 0;
        for (JsonNode stream : data.path("result")) {
            String labelLevel = levelLabel(stream.path("stream"));
            for (JsonNode value : stream.path("values")) {
                Instant time = fromNanos(value.path(0).asText(""));
                if (time == null || !value.path(1).isTextual()) {
                    continue;
                }
                lines++;
                LineParser.ParsedLine parsed = parser.parseUndated(value.path(1).asText());
                LogLevel level = labelLevel != null ? LogLevel.of(labelLevel) : parsed.level();
                collector.offer(new LogEntry(time, level, parsed.text(), parsed.message(), parsed.errorType()));
            }
        }
        List<String> limits = new ArrayList<>();
        if (lines >= limit) {
            limits.add(name() + ": Loki returned its limit of " + limit + " lines (the newest); older matches in the "
                    + "window were not counted (narrow the search, or raise limit in the logs configuration)");
        }
        return collector.toResult(query, 0, 0, limits, List.of());
    }

    private static String levelLabel(JsonNode labels) {
        for (String label : LEVEL_LABELS) {
            JsonNode value = labels.get(label);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    /**
     * Loki answers errors in plain text ({@code parse error at line 1, col 5: ...}); some versions and
     * proxies send JSON with {@code error} or {@code message}. HTML pages are left to the caller.
     */
    @Override
    String errorDetail(int status, String body) {
        String text = body.strip();
        if (text.isEmpty() || text.startsWith("<")) {
            return null;
        }
        JsonNode json = parse(text);
        String detail = text;
        if (json != null) {
            String error = json.path("error").isTextual() ? json.path("error").asText() : json.path("message").asText("");
            if (error.isEmpty()) {
                return null;
            }
            detail = error;
        }
        detail = FailureText.snippet(detail);
        return status == 400 ? detail + " (check the search text, and the selector in the logs configuration)" : detail;
    }

    static String nanos(Instant time) {
        return Long.toString(Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano()));
    }

    private static Instant fromNanos(String nanos) {
        try {
            long value = Long.parseLong(nanos);
            return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
