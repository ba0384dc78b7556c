package dev.watchdog.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.watchdog.security.Redactor;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Logging configured in code from the environment, so the one runnable jar needs no logback.xml:
 * <ul>
 *   <li>{@code WATCHDOG_LOG_FORMAT}: {@code json} (default, one object per line) or {@code text};</li>
 *   <li>{@code WATCHDOG_LOG_LEVEL}: root level, default {@code INFO}.</li>
 * </ul>
 * Libraries that are chatty at INFO stay at WARN (or at the root level when that is stricter).
 * Every line passes through {@link #redactor()}; {@link #maskConfiguredSecrets} adds the secrets
 * read from config, because logback is configured before the config file is loaded.
 */
public final class LogSetup {

    public static final String FORMAT_VARIABLE = "WATCHDOG_LOG_FORMAT";
    public static final String LEVEL_VARIABLE = "WATCHDOG_LOG_LEVEL";
    public static final String APPENDER_NAME = "stdout";

    static final List<String> NOISY_LOGGERS = List.of("com.slack.api", "org.glassfish.tyrus", "okhttp3", "com.zaxxer",
            "io.undertow", "org.xnio");

    private static final AtomicReference<Redactor> REDACTOR = new AtomicReference<>(Redactor.standard());

    private LogSetup() {
    }

    /** Configures the context to write to stdout; the {@link WatchdogLogConfigurator} calls this. */
    public static void configure(LoggerContext context, Map<String, String> env) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setTarget("System.out");
        install(context, env, LogSetup::redactor, console, null);
    }

    /** Configures the context to write to the given stream instead of stdout (tests). */
    static void configure(LoggerContext context, Map<String, String> env, OutputStream out,
                          Supplier<Redactor> redactor) {
        // The appender closes its stream when stopped; the caller owns this one.
        OutputStream unclosable = new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        install(context, env, redactor, new OutputStreamAppender<>(), unclosable);
    }

    /** The redactor every log line passes through. */
    public static Redactor redactor() {
        return REDACTOR.get();
    }

    /** From now on, also masks these values (tokens, keys, passwords read from config) in every log line. */
    public static void maskConfiguredSecrets(Collection<String> secrets) {
        REDACTOR.updateAndGet(current -> current.alsoMasking(secrets));
    }

    /** Wires layout, encoder and appender; {@code out} is null for a console appender, which opens its own. */
    private static void install(LoggerContext context, Map<String, String> env, Supplier<Redactor> redactor,
                                OutputStreamAppender<ILoggingEvent> appender, OutputStream out) {
        List<String> problems = new ArrayList<>();
        Level level = level(env.get(LEVEL_VARIABLE), problems);
        Layout<ILoggingEvent> layout = layout(env.get(FORMAT_VARIABLE), redactor, problems);
        layout.setContext(context);
        layout.start();

        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();

        appender.setContext(context);
        appender.setName(APPENDER_NAME);
        appender.setEncoder(encoder);
        if (out != null) {
            appender.setOutputStream(out);
        }
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(level);
        Level noisyLevel = level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        for (String name : NOISY_LOGGERS) {
            context.getLogger(name).setLevel(noisyLevel);
        }
        // Reported through the logger just set up, so the warning has the same shape as every other line.
        Logger log = context.getLogger(LogSetup.class);
        problems.forEach(log::warn);
    }

    private static Level level(String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        Level level = Level.toLevel(value.strip(), null);
        if (level == null) {
            problems.add(LEVEL_VARIABLE + "='" + value + "' is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF); using INFO");
            return Level.INFO;
        }
        return level;
    }

    private static Layout<ILoggingEvent> layout(String format, Supplier<Redactor> redactor, List<String> problems) {
        String normalized = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "text" -> new TextLogLayout(redactor);
            case "", "json" -> new JsonLogLayout(redactor);
            default -> {
                problems.add(FORMAT_VARIABLE + "='" + format + "' is not 'json' or 'text'; using json");
                yield new JsonLogLayout(redactor);
            }
        };
    }
}
