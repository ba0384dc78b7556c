package dev.watchdog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.RuleGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        String file = String.join("", new RuleFileGenerator(7).write(1_000));

        assertThat(RuleFileGenerator.kinds()).allSatisfy(kind -> assertThat(file).contains(kind + "G"));
        assertThat(file).contains("histogram_quantile(", "absent(", " and on (job, queue) ", "time() - ",
                "humanizePercentage", "{{ $labels.instance }}");
    }

    @Test
    void fillsTheLastGroupAndTheLastFileWithTheRemainder() throws Exception {
        List<String> files = new RuleFileGenerator(7).write(2_050);
        List<RuleGroup> groups = bind(files);

        assertThat(files).hasSize(3);
        assertThat(groups).hasSize(21).last().satisfies(group -> assertThat(group.rules()).hasSize(50));
        assertThat(groups.stream().map(RuleGroup::name).distinct()).as("group names are unique").hasSize(21);
        assertThat(RuleFileGenerator.groups(2_050)).isEqualTo(21);
        assertThat(RuleFileGenerator.groups(10_000)).isEqualTo(100);
    }

    @Test
    void keepsEveryFileOfTenThousandRulesWellUnderTheSizeWatchdogReads() {
        List<String> files = new RuleFileGenerator(7).write(10_000);

        assertThat(files).hasSize(10).allSatisfy(file -> assertThat(file.length()).isLessThan(1_000_000));
    }

    @Test
    void theSameSeedWritesTheSameFileAndAnotherSeedAnotherOne() {
        assertThat(new RuleFileGenerator(7).write(300)).isEqualTo(new RuleFileGenerator(7).write(300))
                .isNotEqualTo(new RuleFileGenerator(8).write(300));
    }

    private List<RuleGroup> bind(List<String> files) throws Exception {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            paths.add(Files.writeString(dir.resolve("rules-" + i + ".yml"), files.get(i)));
        }
        return WatchdogEvaluator.parse(paths);
    }
}
