package dev.watchdog.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Every event logged anywhere in the process (Bolt, Tyrus and Watchdog alike) at INFO or above while
 * open, safe to read while other threads log. A test marks a position before it acts and reads what
 * was logged since.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    };

    private LogCapture() {
    }

    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.appender.setContext(capture.root.getLoggerContext());
        capture.appender.start();
        capture.root.addAppender(capture.appender);
        return capture;
    }

    /** A position to read from later. */
    public int mark() {
        return events.size();
    }

    /** The events at {@code level} or above logged since {@code mark}. */
    public List<ILoggingEvent> since(int mark, Level level) {
        return events.subList(mark, events.size()).stream().filter(event -> event.getLevel().isGreaterOrEqual(level))
                .toList();
    }

    /** One line per event: level, logger, message and the exception's class, for failure messages. */
    public static String describe(List<ILoggingEvent> events) {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events) {
            text.append("\n  ").append(event.getLevel()).append(' ').append(event.getLoggerName()).append(": ")
                    .append(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                text.append(" [").append(event.getThrowableProxy().getClassName()).append(']');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
