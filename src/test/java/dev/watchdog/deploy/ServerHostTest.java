package dev.watchdog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.ConfigLoader;
import dev.watchdog.ops.ServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.host: loopback by default, WATCHDOG_SERVER_HOST (the image's 0.0.0.0) when the config names none. */
class ServerHostTest {

    private static final Map<String, String> IMAGE = Map.of(ServerSettings.HOST_VARIABLE, "0.0.0.0");

    @Test
    void aConfigWithoutServerHostTakesTheEnvironmentsHost(@TempDir Path dir) throws Exception {
        Path withoutServer = Files.writeString(dir.resolve("bare.yml"), "prometheus: {url: http://prometheus:9090}\n");
        Path withPortOnly = Files.writeString(dir.resolve("port.yml"), "server: {port: 9000}\n");

        assertThat(host(withoutServer, IMAGE)).isEqualTo("0.0.0.0");
        assertThat(host(withPortOnly, IMAGE)).isEqualTo("0.0.0.0");
        assertThat(host(withoutServer, Map.of())).isEqualTo("127.0.0.1");
        assertThat(host(withPortOnly, Map.of(ServerSettings.HOST_VARIABLE, " "))).isEqualTo("127.0.0.1");
    }

    @Test
    void aHostInTheConfigWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("watchdog.yml"), "server: {host: 10.0.0.7}\n");

        assertThat(host(config, IMAGE)).isEqualTo("10.0.0.7");
    }

    private static String host(Path config, Map<String, String> env) throws Exception {
        return new ConfigLoader(env).load(config).server().host();
    }
}
