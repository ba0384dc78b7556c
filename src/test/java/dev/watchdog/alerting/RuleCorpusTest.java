package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.ConfigLoader;
import dev.watchdog.WatchdogConfig;
import dev.watchdog.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus file through the real config loader, offline (no Prometheus is configured or reached): valid
 * files load with no problem, each invalid one gives exactly its expected problems.
 */
class RuleCorpusTest {

    @TempDir
    Path dir;

    static List<Path> valid() {
        return RuleCorpus.valid();
    }

    static List<Path> invalid() {
        return RuleCorpus.invalid();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void loadsWithNoProblem(Path ruleFile) throws Exception {
        WatchdogConfig config = load(ruleFile);

        assertThat(config.groups()).allSatisfy(group -> assertThat(group.origin()).startsWith(name(ruleFile)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void isRefusedWithExactlyItsExpectedProblems(Path ruleFile) {
        List<String> expected = RuleCorpus.expected(ruleFile);
        assertThat(expected).as("the file declares its expected problems").isNotEmpty();

        assertThatThrownBy(() -> load(ruleFile)).isInstanceOfSatisfying(ConfigException.class,
                thrown -> assertThat(thrown.problems()).map(Object::toString).containsExactlyElementsOf(expected));
    }

    @Test
    void theValidCorpusHoldsAtLeast300RulesAndTheInvalidOneAtLeast30Files() throws Exception {
        int alerting = 0;
        int recording = 0;
        for (Path file : valid()) {
            for (RuleGroup group : load(file).groups()) {
                alerting += group.rules().size();
                recording += group.recordingRules().size();
            }
        }

        assertThat(alerting + recording).isGreaterThanOrEqualTo(300);
        assertThat(recording).isGreaterThanOrEqualTo(50);
        assertThat(invalid()).hasSizeGreaterThanOrEqualTo(30);
    }

    /** Loads the rule file the way a user's config names it, copied beside a config that lists only it. */
    private WatchdogConfig load(Path ruleFile) throws IOException, ConfigException {
        Files.copy(ruleFile, dir.resolve(name(ruleFile)));
        Path config = dir.resolve("watchdog.yml");
        Files.writeString(config, "rule-files: [" + name(ruleFile) + "]\n");
        try {
            return new ConfigLoader(Map.of()).load(config);
        } finally {
            Files.delete(dir.resolve(name(ruleFile)));
        }
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }
}
