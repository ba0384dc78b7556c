package dev.watchdog.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class WatchdogLogConfiguratorTest {

    private final ClassLoader classpathWithoutLogbackXml = new URLClassLoader(new URL[0], null);

    @Test
    void isRegisteredAsALogbackServiceConfigurator() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(WatchdogLogConfigurator.class);
    }

    @Test
    void configuresTheProcessWhenNoExplicitLogbackConfigurationExists() {
        assertThat(WatchdogLogConfigurator.explicitConfiguration(classpathWithoutLogbackXml, name -> null)).isEmpty();
    }

    @Test
    void stepsAsideForALogbackTestXmlOnTheClasspath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("logback-test.xml"), "<configuration/>");
        try (URLClassLoader withTestXml = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(WatchdogLogConfigurator.explicitConfiguration(withTestXml, name -> null))
                    .hasValue("logback-test.xml on the classpath");
        }
    }

    @Test
    void stepsAsideForTheLogbackConfigurationFileProperty() {
        Map<String, String> properties = Map.of("logback.configurationFile", "/etc/watchdog/logback.xml");

        assertThat(WatchdogLogConfigurator.explicitConfiguration(classpathWithoutLogbackXml, properties::get))
                .hasValue("-Dlogback.configurationFile=/etc/watchdog/logback.xml");
    }

    @Test
    void aPlainLogbackXmlFromSomeJarDoesNotReplaceOurSetup(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        try (URLClassLoader withLogbackXml = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(WatchdogLogConfigurator.explicitConfiguration(withLogbackXml, name -> null)).isEmpty();
        }
    }

    @Test
    void configuresAFreshContextAndStopsLogbacksOwnLookup() {
        LoggerContext context = new LoggerContext();
        WatchdogLogConfigurator configurator =
                new WatchdogLogConfigurator(classpathWithoutLogbackXml, name -> null, Map.of());
        configurator.setContext(context);
        try {
            assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogSetup.APPENDER_NAME)).isNotNull();
        } finally {
            context.stop();
        }
    }

    @Test
    void leavesTheContextToLogbackWhenAnExplicitConfigurationExists() {
        LoggerContext context = new LoggerContext();
        Map<String, String> properties = Map.of("logback.configurationFile", "/etc/watchdog/logback.xml");
        WatchdogLogConfigurator configurator =
                new WatchdogLogConfigurator(classpathWithoutLogbackXml, properties::get, Map.of());
        configurator.setContext(context);
        try {
            assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogSetup.APPENDER_NAME)).isNull();
        } finally {
            context.stop();
        }
    }

    /** This test JVM was configured by logback itself at startup; our configurator must have won. */
    @Test
    void theTestJvmLogsThroughOurLayout() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<?> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogSetup.APPENDER_NAME);

        assertThat(appender).isInstanceOf(OutputStreamAppender.class);
        Object encoder = ((OutputStreamAppender<?>) appender).getEncoder();
        assertThat(encoder).isInstanceOf(LayoutWrappingEncoder.class);
        assertThat(((LayoutWrappingEncoder<?>) encoder).getLayout())
                .isInstanceOfAny(TextLogLayout.class, JsonLogLayout.class);
    }
}
