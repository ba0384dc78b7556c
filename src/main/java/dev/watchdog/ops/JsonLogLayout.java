package dev.watchdog.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.watchdog.security.Redactor;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line: {@code ts}, {@code level}, {@code logger}, {@code thread},
 * {@code message}, then every MDC entry (and SLF4J key-value pair) as a top-level field, then
 * {@code error} when the event carries an exception. Log shippers (Loki, Elasticsearch) index the
 * context fields such as {@code alert} or {@code rule} without any parsing rule.
 *
 * <p>Message, context values and error text pass through the {@link Redactor} before they are
 * escaped, so a secret never reaches the output and escaping cannot split one across a pattern.
 *
 * <p>Not logstash-logback-encoder (checked 9.0): it is built on Jackson 3 beside our Jackson 2, it
 * cannot rename a key-value pair that clashes with a fixed field (and writes an MDC key and a pair
 * of the same name twice), and our compact stack trace and the per-event {@link Redactor} would
 * need a converter and a value masker on top of eight configured providers: more code than this.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

    /** A context key equal to one of these gets this prefix instead of producing a duplicate field. */
    static final String RESERVED_PREFIX = "ctx_";
    static final Set<String> RESERVED_FIELDS = Set.of("ts", "level", "logger", "thread", "message", "error");

    /** Fixed width with milliseconds: ISO_INSTANT drops zero fractions, which makes lines harder to scan. */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final JsonFactory JSON = new JsonFactory();

    private final Supplier<Redactor> redactor;

    /** Redacts with {@link LogSetup#redactor()}, which includes the configured secrets once known. */
    public JsonLogLayout() {
        this(LogSetup::redactor);
    }

    public JsonLogLayout(Supplier<Redactor> redactor) {
        this.redactor = redactor;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        Redactor redact = redactor.get();
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("ts", TIMESTAMP.format(event.getInstant()));
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("message", redact.redact(event.getFormattedMessage()));
            for (Map.Entry<String, String> field : contextFields(event).entrySet()) {
                json.writeStringField(field.getKey(), redact.redact(field.getValue()));
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeStringField("error", redact.redact(CompactStackTrace.of(error)));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter failed", e);
        }
        return line.append('\n').toString();
    }

    /** MDC entries, then key-value pairs from the fluent API; a later one with the same key wins. */
    static Map<String, String> contextFields(ILoggingEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        event.getMDCPropertyMap().forEach((key, value) -> fields.put(fieldName(key), value));
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                fields.put(fieldName(pair.key), pair.value == null ? null : String.valueOf(pair.value));
            }
        }
        return fields;
    }

    private static String fieldName(String key) {
        return RESERVED_FIELDS.contains(key) ? RESERVED_PREFIX + key : key;
    }
}
