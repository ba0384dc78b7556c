package dev.watchdog.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.Promtool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule corpus against the real {@code promtool check rules}: it accepts every valid file and refuses
 * every invalid one, as Watchdog's loader does (RuleCorpusTest). promtool here is 2.42, which predates
 * Prometheus 3: files marked {@code # prometheus-3-only:} are listed instead of compared, and each must
 * still be refused by 2.42 (otherwise its mark is wrong).
 */
class PromtoolRuleCorpusIT {

    @Test
    void promtoolAcceptsTheValidFilesAndRefusesTheInvalidOnes() {
        List<String> disagreements = new ArrayList<>();
        List<String> prometheus3Only = new ArrayList<>();
        for (Path file : RuleCorpus.valid()) {
            Promtool.Result result = Promtool.checkRules(List.of(file));
            if (RuleCorpus.prometheus3Only(file)) {
                prometheus3Only.add(file.getFileName().toString());
                if (result.accepted()) {
                    disagreements.add("marked prometheus-3-only but promtool 2.42 accepts it: " + file);
                }
            } else if (!result.accepted()) {
                disagreements.add("valid, but promtool refuses it: " + file + "\n" + result.output());
            }
        }
        for (Path file : RuleCorpus.invalid()) {
            if (Promtool.checkRules(List.of(file)).accepted()) {
                disagreements.add("invalid " + RuleCorpus.expected(file) + ", but promtool accepts it: " + file);
            }
        }
        System.out.println("Not compared, Prometheus 3 files that promtool 2.42 refuses: " + prometheus3Only);
        assertThat(disagreements).as("files where the corpus and promtool disagree").isEmpty();
        assertThat(prometheus3Only).hasSizeLessThan(RuleCorpus.valid().size() / 2);
    }
}
