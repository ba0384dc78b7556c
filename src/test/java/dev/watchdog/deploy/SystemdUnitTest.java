package dev.watchdog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/systemd: a hardened unit, and an example environment file that the shipped config is complete with. */
class SystemdUnitTest {

    private static final Path DIR = Path.of("deploy/systemd");

    @Test
    void theUnitIsHardenedKeepsStateInItsStateDirectoryAndRestartsOnFailure() throws IOException {
        Map<String, String> service = section(Files.readAllLines(DIR.resolve("watchdog.service")), "Service");

        assertThat(service).containsEntry("DynamicUser", "yes")
                .containsEntry("ProtectSystem", "strict")
                .containsEntry("StateDirectory", "watchdog")
                .containsEntry("EnvironmentFile", "/etc/watchdog/watchdog.env")
                .containsEntry("Restart", "on-failure")
                .containsEntry("NoNewPrivileges", "yes")
                .containsEntry("CapabilityBoundingSet", "");
        assertThat(service.get("ExecStart")).contains("-jar /opt/watchdog/watchdog.jar");
    }

    @Test
    void theExampleEnvironmentSetsEveryVariableTheShippedConfigNeeds() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("watchdog.env.example"))) {
            int equals = line.indexOf('=');
            if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
                env.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }

        assertThat(new ConfigLoader(env).load(Path.of("watchdog.yml")).unsetVariables()).isEmpty();
    }

    /** The key=value lines of one [section]; a key given twice keeps its last value, as systemd does for most. */
    private static Map<String, String> section(List<String> lines, String name) {
        Map<String, String> entries = new LinkedHashMap<>();
        String current = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1);
            } else if (current.equals(name) && !line.startsWith("#") && line.contains("=")) {
                entries.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return entries;
    }
}
