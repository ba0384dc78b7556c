package dev.watchdog.ops;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import dev.watchdog.security.Redactor;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One line per event for people reading a terminal:
 * {@code 2025-01-02T03:04:05.678Z WARN  [main] d.w.alerting.RuleEvaluator - message {alert=…}},
 * followed by the full stack trace when there is one. The whole rendered text passes through the
 * {@link Redactor}.
 */
public final class TextLogLayout extends LayoutBase<ILoggingEvent> {

    private static final int LOGGER_NAME_LENGTH = 36;

    private final Supplier<Redactor> redactor;
    private final TargetLengthBasedClassNameAbbreviator abbreviator =
            new TargetLengthBasedClassNameAbbreviator(LOGGER_NAME_LENGTH);

    /** Redacts with {@link LogSetup#redactor()}, which includes the configured secrets once known. */
    public TextLogLayout() {
        this(LogSetup::redactor);
    }

    public TextLogLayout(Supplier<Redactor> redactor) {
        this.redactor = redactor;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(256)
                .append(JsonLogLayout.TIMESTAMP.format(event.getInstant())).append(' ')
                .append(String.format("%-5s", event.getLevel())).append(' ')
                .append('[').append(event.getThreadName()).append("] ")
                .append(abbreviator.abbreviate(event.getLoggerName())).append(" - ")
                .append(event.getFormattedMessage());
        Map<String, String> context = JsonLogLayout.contextFields(event);
        if (!context.isEmpty()) {
            text.append(' ').append(context.entrySet().stream()
                    .map(field -> field.getKey() + "=" + field.getValue())
                    .collect(Collectors.joining(", ", "{", "}")));
        }
        text.append('\n');
        if (event.getThrowableProxy() != null) {
            text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
        }
        return redactor.get().redact(text.toString());
    }
}
