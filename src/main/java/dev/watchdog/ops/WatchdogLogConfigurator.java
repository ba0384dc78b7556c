package dev.watchdog.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Logback's entry point, found through {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 *
 * <p>Logback 1.5 runs configurators found as services <em>before</em> its own file lookup
 * (logback.scmo, then {@code logback.configurationFile} / logback-test.xml / logback.xml, then a
 * basic console). So an explicit logback configuration would never be read if this class always
 * configured. It therefore steps aside when {@code -Dlogback.configurationFile} is set or a
 * {@code logback-test.xml} is on the classpath, and lets logback's own lookup use it. A plain
 * {@code logback.xml} does not count: one inside some dependency jar must not replace ours.
 *
 * <p>The project ships no logback-test.xml: tests log through this configurator too (surefire sets
 * {@code WATCHDOG_LOG_FORMAT=text}), so they exercise the same redacting layouts as production.
 * An explicit XML configuration bypasses redaction unless it uses these layouts, e.g.
 * {@code <layout class="dev.watchdog.ops.JsonLogLayout"/>} inside a LayoutWrappingEncoder.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class WatchdogLogConfigurator extends ContextAwareBase implements Configurator {

    static final String CONFIG_FILE_PROPERTY = "logback.configurationFile";
    static final String TEST_CONFIG_RESOURCE = "logback-test.xml";

    private final ClassLoader classLoader;
    private final UnaryOperator<String> systemProperty;
    private final Map<String, String> env;

    /** Called by logback's ServiceLoader. */
    public WatchdogLogConfigurator() {
        this(WatchdogLogConfigurator.class.getClassLoader(), System::getProperty, System.getenv());
    }

    WatchdogLogConfigurator(ClassLoader classLoader, UnaryOperator<String> systemProperty, Map<String, String> env) {
        this.classLoader = classLoader;
        this.systemProperty = systemProperty;
        this.env = env;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Optional<String> explicit = explicitConfiguration(classLoader, systemProperty);
        if (explicit.isPresent()) {
            addInfo("Watchdog logging steps aside for " + explicit.get());
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LogSetup.configure(context, env);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The explicit logback configuration that should win over ours, if any. */
    static Optional<String> explicitConfiguration(ClassLoader classLoader, UnaryOperator<String> systemProperty) {
        String file = systemProperty.apply(CONFIG_FILE_PROPERTY);
        if (file != null && !file.isBlank()) {
            return Optional.of("-D" + CONFIG_FILE_PROPERTY + "=" + file);
        }
        if (classLoader.getResource(TEST_CONFIG_RESOURCE) != null) {
            return Optional.of(TEST_CONFIG_RESOURCE + " on the classpath");
        }
        return Optional.empty();
    }
}
