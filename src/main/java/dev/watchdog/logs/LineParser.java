package dev.watchdog.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one log line, plain text or a JSON object, into time, level, message and searchable text.
 * JSON lines are shown and searched as {@code message key=value ...}, which reads better than the
 * raw object and does not make every line match "level" or "msg".
 */
final class LineParser {

    /** How the lines of a file are written. */
    enum Format {
        /** JSON for lines that start with '{', text otherwise. */
        AUTO,
        /** Every entry is a JSON object; other lines continue the entry before them (e.g. a panic). */
        JSON,
        TEXT
    }

    /** Common key names, in order of preference; dotted names are also looked up nested ({"log":{"level":…}}). */
    static final List<String> TIME_KEYS = List.of("time", "timestamp", "@timestamp", "ts");
    static final List<String> LEVEL_KEYS = List.of("level", "severity", "lvl", "levelname", "log.level");
    static final List<String> MESSAGE_KEYS = List.of("msg", "message", "log");
    static final List<String> ERROR_TYPE_KEYS = List.of("error.type", "exception.type", "exception.class", "error.kind");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Brackets, separators and spaces between timestamp, level and message: "] [ERROR] - msg". */
    private static final String LEADING_PUNCTUATION = " \t[]-:|";

    private final Format format;
    private final ZoneId zone;
    private final Instant now;

    /** @param now the time of the search: syslog dates have no year, and now says which one */
    LineParser(Format format, ZoneId zone, Instant now) {
        this.format = format;
        this.zone = zone;
        this.now = now;
    }

    /**
     * @param time  null when the line has no timestamp: it continues the entry above it
     * @param text  what is searched and shown
     */
    record ParsedLine(Instant time, LogLevel level, String message, String errorType, String text) {
        boolean isDated() {
            return time != null;
        }
    }

    ParsedLine parse(String line) {
        if (format != Format.TEXT && looksLikeJson(line)) {
            ParsedLine json = parseJson(line);
            if (json != null) {
                return json;
            }
        }
        if (format == Format.JSON) {
            return new ParsedLine(null, LogLevel.UNKNOWN, line, null, line);
        }
        return parseText(line);
    }

    /** A line from a source that supplies the time itself (Loki): only level, message and text are read. */
    ParsedLine parseUndated(String line) {
        if (looksLikeJson(line)) {
            ParsedLine json = parseJson(line);
            if (json != null) {
                return json;
            }
        }
        ParsedLine text = parseText(line);
        return text.isDated() ? text : new ParsedLine(null, LogLevel.detect(line), line, null, line);
    }

    private ParsedLine parseText(String line) {
        Timestamps.Found found = Timestamps.find(line, zone, now);
        if (found == null) {
            return new ParsedLine(null, LogLevel.UNKNOWN, line, null, line);
        }
        LogLevel level = LogLevel.detect(line);
        return new ParsedLine(found.time(), level, messageAfter(line, found.end()), null, line);
    }

    /** The text after the timestamp and the level word: what the entry says. */
    private static String messageAfter(String line, int timestampEnd) {
        int start = timestampEnd;
        LogLevel.Word level = LogLevel.findWord(line, start, 40);
        if (level != null) {
            start = level.end();
        }
        while (start < line.length() && LEADING_PUNCTUATION.indexOf(line.charAt(start)) >= 0) {
            start++;
        }
        return line.substring(start);
    }

    private ParsedLine parseJson(String line) {
        JsonNode object;
        try {
            object = JSON.readTree(line);
        } catch (JsonProcessingException notJson) {
            return null;
        }
        if (object == null || !object.isObject()) {
            return null;
        }
        String timeKey = firstPresent(object, TIME_KEYS);
        String levelKey = firstPresent(object, LEVEL_KEYS);
        String messageKey = firstPresent(object, MESSAGE_KEYS);
        String errorTypeKey = firstPresent(object, ERROR_TYPE_KEYS);
        Instant time = timeKey == null ? null : Timestamps.parseValue(field(object, timeKey), zone, now);
        String message = messageKey == null ? "" : textOf(field(object, messageKey));
        LogLevel level = levelKey == null ? LogLevel.detect(message) : levelOf(field(object, levelKey));
        String errorType = errorTypeKey == null ? null : textOf(field(object, errorTypeKey));
        return new ParsedLine(time, level, message, errorType,
                render(object, message, Set.of(String.valueOf(timeKey), String.valueOf(levelKey),
                        String.valueOf(messageKey))));
    }

    /** {@code message key=value ...}; time and level are shown apart, so they are left out here. */
    private static String render(JsonNode object, String message, Set<String> shownApart) {
        StringBuilder text = new StringBuilder(message);
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (shownApart.contains(field.getKey()) || isNestedKeyShownApart(field, shownApart)) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(field.getKey()).append('=').append(textOf(field.getValue()));
        }
        return text.toString();
    }

    /** {"log":{"level":"error"}} holds only the level: nothing left to show. */
    private static boolean isNestedKeyShownApart(Map.Entry<String, JsonNode> field, Set<String> shownApart) {
        JsonNode value = field.getValue();
        if (!value.isObject() || value.size() != 1) {
            return false;
        }
        String only = value.fieldNames().next();
        return shownApart.contains(field.getKey() + "." + only);
    }

    private static LogLevel levelOf(JsonNode value) {
        if (value.isNumber()) {
            // pino and bunyan: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal.
            int number = value.asInt();
            return number >= 60 ? LogLevel.FATAL : number >= 50 ? LogLevel.ERROR : number >= 40 ? LogLevel.WARN
                    : number >= 30 ? LogLevel.INFO : number >= 20 ? LogLevel.DEBUG : number >= 10 ? LogLevel.TRACE
                    : LogLevel.UNKNOWN;
        }
        return LogLevel.of(textOf(value));
    }

    private static String firstPresent(JsonNode object, List<String> keys) {
        for (String key : keys) {
            JsonNode value = field(object, key);
            if (value != null && !value.isNull() && !value.isMissingNode()) {
                return key;
            }
        }
        return null;
    }

    /** A field by flat name ("log.level": …) or by path ({"log": {"level": …}}). */
    static JsonNode field(JsonNode object, String key) {
        JsonNode flat = object.get(key);
        if (flat != null) {
            return flat;
        }
        int dot = key.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        JsonNode parent = object.get(key.substring(0, dot));
        return parent != null && parent.isObject() ? field(parent, key.substring(dot + 1)) : null;
    }

    static String textOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static boolean looksLikeJson(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }
}
