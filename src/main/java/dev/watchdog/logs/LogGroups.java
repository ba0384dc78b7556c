package dev.watchdog.logs;

import dev.watchdog.security.Redactor;
import dev.watchdog.security.UntrustedText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Groups matching log entries by template, in bounded memory: at most {@value #MAX_GROUPS}
 * templates, {@value #MAX_FIELDS} fields a template and {@value #MAX_VALUES} values a field are
 * tracked; entries beyond that are still counted. A template is the message with every
 * {@code key=value} value, URL path, number, id, UUID, IP address and hex string replaced, so
 * "timeout on /api/orders/17 after 3012 ms" and "timeout on /api/orders/9 after 2950 ms" are one
 * group, whose {@code path} field then says which endpoints it hit.
 */
final class LogGroups {

    static final int MAX_GROUPS = 200;
    static final int MAX_FIELDS = 8;
    static final int MAX_VALUES = 20;
    static final int TOP_VALUES = 3;
    static final int MAX_EXAMPLE_CHARS = 240;
    private static final int MAX_VALUE_CHARS = 80;
    /** Keys that say when and how loud, not what: every entry has them. */
    private static final Set<String> SKIPPED_KEYS = Set.of("time", "timestamp", "ts", "@timestamp", "level", "lvl",
            "severity", "msg", "message", "caller", "logger");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?<![\\w.-])([A-Za-z_][\\w.-]{0,40})=(\"[^\"\\n]{0,200}\"|[^\\s,;\"]{1,200})");
    private static final Pattern PATH = Pattern.compile("(?<=^|[\\s\"'(])(/[\\w.~%-]+(?:/[\\w.~%{}:-]*)*)");

    private final Map<String, Builder> groups = new HashMap<>();
    private long overflow;

    void add(LogEntry entry) {
        String line = firstLine(entry.text());
        String body = entry.message() == null || entry.message().isBlank() ? line : firstLine(entry.message());
        Map<String, String> fields = fields(line);
        String template = template(body);
        // The exception class or stated type only: the normalised-message fallback of ErrorTypes is the template.
        String errorType = entry.errorType() != null && !entry.errorType().isBlank()
                ? UntrustedText.cut(entry.errorType().strip(), ErrorTypes.MAX_MESSAGE_CHARS)
                : ErrorTypes.exceptionClass(entry.text());
        String key = template + '\u0000' + (errorType == null ? "" : errorType);
        Builder group = groups.get(key);
        if (group == null) {
            if (groups.size() >= MAX_GROUPS) {
                overflow++;
                return;
            }
            group = new Builder(template, errorType);
            groups.put(key, group);
        }
        group.add(entry, line, fields);
    }

    /** Entries not grouped because {@value #MAX_GROUPS} templates were already tracked. */
    long overflow() {
        return overflow;
    }

    /** Largest group first, then the newest. */
    List<LogGroup> toGroups() {
        return groups.values().stream().map(Builder::build).sorted(LARGEST_FIRST).toList();
    }

    static final Comparator<LogGroup> LARGEST_FIRST = Comparator.comparingLong(LogGroup::count).reversed()
            .thenComparing(LogGroup::last, Comparator.reverseOrder()).thenComparing(LogGroup::template);

    /** The message's shape: key=value values, paths and then everything {@link MessageNormaliser} knows replaced. */
    static String template(String message) {
        String redacted = Redactor.standard().redact(message);
        String text = KEY_VALUE.matcher(redacted).replaceAll(match -> Matcher.quoteReplacement(
                match.group(1) + "=<" + (SKIPPED_KEYS.contains(match.group(1)) ? "_" : "v") + ">"));
        text = PATH.matcher(text).replaceAll("<path>");
        return MessageNormaliser.normalise(text);
    }

    /** {@code key=value} pairs and the first URL path of a line, values normalised where they hold ids. */
    static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher pairs = KEY_VALUE.matcher(line);
        while (pairs.find() && fields.size() < MAX_FIELDS) {
            String name = pairs.group(1);
            if (!SKIPPED_KEYS.contains(name)) {
                fields.putIfAbsent(name, value(unquote(pairs.group(2))));
            }
        }
        Matcher path = PATH.matcher(KEY_VALUE.matcher(line).replaceAll(""));
        if (path.find() && fields.size() < MAX_FIELDS) {
            fields.putIfAbsent("path", value(path.group(1)));
        }
        return fields;
    }

    /** A value as counted: ids and numbers inside paths normalised, so /orders/17 and /orders/9 are one value. */
    private static String value(String raw) {
        String redacted = Redactor.standard().redact(raw);
        String value = redacted.startsWith("/") ? MessageNormaliser.normalise(redacted) : redacted;
        return UntrustedText.cut(UntrustedText.sanitise(value), MAX_VALUE_CHARS);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Two groups of one template as one: counts add, field values add (only their top values were kept). */
    static LogGroup merge(LogGroup a, LogGroup b) {
        LogGroup newer = b.last().isAfter(a.last()) ? b : a;
        Map<String, LogGroup.Field> fields = new LinkedHashMap<>();
        for (LogGroup.Field field : a.fields()) {
            fields.put(field.name(), field);
        }
        for (LogGroup.Field field : b.fields()) {
            fields.merge(field.name(), field, LogGroups::mergeField);
        }
        return new LogGroup(a.template(), a.level().ordinal() <= b.level().ordinal() ? a.level() : b.level(),
                a.errorType(), a.count() + b.count(), a.first().isBefore(b.first()) ? a.first() : b.first(),
                newer.last(), newer.example(), new ArrayList<>(fields.values()));
    }

    private static LogGroup.Field mergeField(LogGroup.Field a, LogGroup.Field b) {
        Map<String, Long> counts = new LinkedHashMap<>();
        a.top().forEach(value -> counts.merge(value.value(), value.count(), Long::sum));
        b.top().forEach(value -> counts.merge(value.value(), value.count(), Long::sum));
        int distinct = Math.max(Math.max(a.distinct(), b.distinct()), counts.size());
        return new LogGroup.Field(a.name(), distinct, a.capped() || b.capped(), top(counts));
    }

    private static List<LogGroup.ValueCount> top(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_VALUES)
                .map(entry -> new LogGroup.ValueCount(entry.getKey(), entry.getValue()))
                .toList();
    }

    /** One template's counts while entries come in. */
    private static final class Builder {
        private final String template;
        private final String errorType;
        private LogLevel level = LogLevel.UNKNOWN;
        private long count;
        private Instant first;
        private Instant last;
        private String example = "";
        private final Map<String, Map<String, Long>> values = new LinkedHashMap<>();
        private final Set<String> capped = new java.util.HashSet<>();

        Builder(String template, String errorType) {
            this.template = template;
            this.errorType = errorType;
        }

        void add(LogEntry entry, String line, Map<String, String> fields) {
            count++;
            if (level == LogLevel.UNKNOWN || (entry.level() != LogLevel.UNKNOWN
                    && entry.level().ordinal() < level.ordinal())) {
                level = entry.level();
            }
            if (first == null || entry.time().isBefore(first)) {
                first = entry.time();
            }
            if (last == null || !entry.time().isBefore(last)) {
                last = entry.time();
                example = line;
            }
            fields.forEach((name, value) -> {
                Map<String, Long> seen = values.get(name);
                if (seen == null) {
                    if (values.size() >= MAX_FIELDS) {
                        return;
                    }
                    seen = new HashMap<>();
                    values.put(name, seen);
                }
                if (seen.containsKey(value) || seen.size() < MAX_VALUES) {
                    seen.merge(value, 1L, Long::sum);
                } else {
                    capped.add(name);
                }
            });
        }

        LogGroup build() {
            List<LogGroup.Field> fields = new ArrayList<>();
            values.forEach((name, seen) -> fields.add(new LogGroup.Field(name, seen.size(), capped.contains(name),
                    top(seen))));
            String shown = UntrustedText.cut(UntrustedText.sanitise(Redactor.standard().redact(example)),
                    MAX_EXAMPLE_CHARS);
            return new LogGroup(template, level, errorType, count, first, last, shown, fields);
        }
    }
}
