package dev.watchdog.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The What was it? form: each problem is reported against its field, and a valid form gives what to save. */
class CauseFormTest {

    private static Map<String, String> form(String category, String what, String fix, String link) {
        Map<String, String> fields = new HashMap<>();
        fields.put(CauseForm.CATEGORY, category);
        fields.put(CauseForm.WHAT, what);
        fields.put(CauseForm.FIX, fix);
        fields.put(CauseForm.LINK, link);
        return fields;
    }

    @Test
    void aValidFormGivesTheValuesStripped() {
        CauseForm.Outcome outcome = CauseForm.check(form("false-alarm", "  flapping probe ", "", null));

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.values()).contains(new CauseForm.Values(CauseCategory.FALSE_ALARM, "flapping probe", "", null));
    }

    @Test
    void everyProblemIsReportedAgainstItsFieldAndNothingIsGiven() {
        CauseForm.Outcome outcome = CauseForm.check(form("outage", "", "x".repeat(1001), "javascript:alert(1)"));

        assertThat(outcome.values()).isEmpty();
        assertThat(outcome.errors()).containsExactly(
                Map.entry(CauseForm.CATEGORY, "\"outage\" is not a category; pick one of deploy, config, capacity,"
                        + " dependency, bug, external, false-alarm, unknown."),
                Map.entry(CauseForm.WHAT, "Say what it was, in a few words (e.g. \"connection leak in the export job\")."),
                Map.entry(CauseForm.FIX, "Keep it under 1000 characters (this is 1001)."),
                Map.entry(CauseForm.LINK, "Only http:// and https:// links are allowed (e.g. a PR or postmortem URL)."));
    }

    @Test
    void aMissingCategoryListsTheAllowedOnes() {
        assertThat(CauseForm.check(form(null, "leak", null, null)).errors()).containsExactly(Map.entry(
                CauseForm.CATEGORY, "Pick a category: deploy, config, capacity, dependency, bug, external, false-alarm,"
                        + " unknown."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://github.com/acme/export/pull/481|",
        "http://wiki.internal/postmortems/2026-11-22|",
        "https:///no-host|The link has no host; paste the whole URL, e.g. https://github.com/org/repo/pull/481.",
        "github.com/acme/export/pull/481|Only http:// and https:// links are allowed (e.g. a PR or postmortem URL).",
        "https://exa mple.com|This is not a valid URL (Illegal character in authority); paste the whole link, starting with https://.",
    })
    void linksMustBeWholeHttpOrHttpsUrls(String link, String problem) {
        assertThat(CauseForm.check(form("bug", "leak", "", link)).errors().get(CauseForm.LINK)).isEqualTo(problem);
    }
}
