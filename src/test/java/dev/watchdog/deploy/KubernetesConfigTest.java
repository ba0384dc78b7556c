package dev.watchdog.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.ConfigLoader;
import dev.watchdog.WatchdogConfig;
import dev.watchdog.config.ConfigException;
import dev.watchdog.config.ConfigProblem;
import dev.watchdog.db.StoreSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ConfigMap's watchdog.yml and rule files, as Watchdog reads them inside the pod. */
class KubernetesConfigTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?}");

    private KubernetesManifests manifests;
    private Map<String, String> containerEnv;

    @BeforeEach
    void loadManifests() throws IOException {
        manifests = KubernetesManifests.load();
        containerEnv = manifests.containerEnv(Dockerfile.read().env());
    }

    @Test
    void everyVariableTheConfigUsesIsInTheContainersEnvironment() throws IOException {
        Set<String> used = new TreeSet<>();
        for (KubernetesManifests.ConfigFile file : manifests.configFiles) {
            YamlTree.load(file.path()).strings().forEach(value -> {
                Matcher reference = REFERENCE.matcher(value);
                while (reference.find()) {
                    used.add(reference.group(1));
                }
            });
        }

        assertThat(used).contains("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN");
        assertThat(containerEnv.keySet()).containsAll(used);
    }

    @Test
    void theSecretsTheConfigNeedsComeFromTheSecret() throws IOException {
        YamlTree config = manifests.config();
        List<String> fromSecret = manifests.secretKeyRefs().stream().map(reference -> reference.get("key").text())
                .toList();

        for (String[] secretKey : List.of(new String[] {"slack", "bot-token"}, new String[] {"slack", "app-token"},
                new String[] {"llm", "api-key"}, new String[] {"store", "password"})) {
            Matcher reference = REFERENCE.matcher(config.get(secretKey).text());
            assertThat(reference.matches()).as("%s is a ${VARIABLE}", String.join(".", secretKey)).isTrue();
            assertThat(fromSecret).as(String.join(".", secretKey)).contains(reference.group(1));
        }
    }

    @Test
    void theConfigUsesTheSharedPostgresqlStoreAndListensBeyondLoopback() throws IOException {
        YamlTree config = manifests.config();

        assertThat(config.get("store", "type").text()).isEqualTo("postgresql");
        assertThat(config.get("store", "url").text()).startsWith("jdbc:postgresql://");
        assertThat(config.get("server", "host").text()).isEqualTo("0.0.0.0");
    }

    /**
     * Watchdog's own loader with the environment the pod gets. Until this branch meets the
     * PostgreSQL store, the loader does not know store.type, so the store's keys are the only
     * problems allowed; the whole file must load once StoreSettings has its postgresql part.
     */
    @Test
    void watchdogsConfigLoaderFindsNoProblemInTheConfigMap(@TempDir Path mount) throws IOException {
        Path file = manifests.mountConfig(mount);
        List<ConfigProblem> problems = List.of();
        WatchdogConfig config = null;
        try {
            config = new ConfigLoader(containerEnv).load(file);
        } catch (ConfigException invalid) {
            problems = invalid.problems();
        }

        assertThat(problems).isEmpty();
        assertThat(config.store().isPostgresql()).isTrue();
        assertThat(config.unsetVariables()).isEmpty();
        assertThat(config.rules()).isNotEmpty();
        assertThat(config.server().port()).isEqualTo(manifests.serverPort());
    }
}
