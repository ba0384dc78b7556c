package dev.watchdog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.RuleGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void writesTheRequestedRulesInGroupsOfAHundredThatWatchdogBindsWithoutAProblem() throws Exception {
        List<RuleGroup> groups = bind(new RuleFileGenerator(7).write(1_000));

        assertThat(groups).hasSize(10).allSatisfy(group -> assertThat(group.rules()).hasSize(100));
        List<AlertRule> rules = groups.stream().flatMap(group -> group.rules().stream()).toList();
        assertThat(rules.stream().map(AlertRule::name).distinct()).as("names are unique").hasSize(1_000);
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.labels()).containsKeys("severity", "team");
            assertThat(rule.annotations()).containsKeys("summary", "description", "runbook_url");
        });
        assertThat(rules).anySatisfy(rule -> assertThat(rule.pendingFor()).isEqualTo(Duration.ofMinutes(5)))
                .anySatisfy(rule -> assertThat(rule.pendingFor()).isZero());
    }

    @Test
    void usesEveryShapeOfRuleInAFile() {
        String file = new RuleFileGenerator(7).write(1_000);

        assertThat(RuleFileGenerator.kinds()).allSatisfy(kind -> assertThat(file).contains(kind + "G"));
        assertThat(file).contains("histogram_quantile(", "absent(", " and on (job, queue) ", "time() - ",
                "humanizePercentage", "{{ $labels.instance }}");
    }

    @Test
    void fillsTheLastGroupWithTheRemainder() throws Exception {
        List<RuleGroup> groups = bind(new RuleFileGenerator(7).write(250));

        assertThat(groups).extracting(group -> group.rules().size()).containsExactly(100, 100, 50);
        assertThat(RuleFileGenerator.groups(250)).isEqualTo(3);
        assertThat(RuleFileGenerator.groups(10_000)).isEqualTo(100);
    }

    @Test
    void theSameSeedWritesTheSameFileAndAnotherSeedAnotherOne() {
        assertThat(new RuleFileGenerator(7).write(300)).isEqualTo(new RuleFileGenerator(7).write(300))
                .isNotEqualTo(new RuleFileGenerator(8).write(300));
    }

    private List<RuleGroup> bind(String yaml) throws Exception {
        Path file = dir.resolve("rules.yml");
        Files.writeString(file, yaml);
        return WatchdogEvaluator.parse(file);
    }
}
