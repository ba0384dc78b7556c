package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.ConfigLoader;
import dev.watchdog.WatchdogConfig;
import dev.watchdog.config.ConfigException;
import dev.watchdog.promql.Expr;
import dev.watchdog.promql.Exprs;
import dev.watchdog.promql.PromQL;
import dev.watchdog.promql.VectorSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus file through the real config loader, offline (no Prometheus is configured or reached): valid
 * files load with no problem, each invalid one gives exactly its expected problems.
 */
class RuleCorpusTest {

    /** How many alert rules of the valid corpus read a recording rule (and so get it substituted). */
    private static final int SUBSTITUTED = 19;

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
        Set<String> recorded = config.groups().stream().flatMap(group -> group.recordingRules().stream())
                .map(RecordingRule::name).collect(Collectors.toSet());
        for (AlertRule rule : config.rules()) {
            Expr query = PromQL.parse(rule.query());
            boolean noted = config.notes().stream().anyMatch(note -> note.contains(": rule " + rule.name() + ":"));
            assertThat(noted || Exprs.descendants(query).noneMatch(expr -> expr instanceof VectorSelector selector
                    && recorded.contains(selector.name())))
                    .as("%s: every recorded metric it reads is substituted: %s", rule.name(), rule.query()).isTrue();
        }
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
        int substituted = 0;
        for (Path file : valid()) {
            for (RuleGroup group : load(file).groups()) {
                alerting += group.rules().size();
                recording += group.recordingRules().size();
                substituted += (int) group.rules().stream().filter(rule -> !rule.query().equals(rule.expr())).count();
            }
        }

        assertThat(alerting + recording).isGreaterThanOrEqualTo(300);
        assertThat(substituted).as("alert rules reading recording rules").isGreaterThanOrEqualTo(SUBSTITUTED);
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
