package dev.watchdog.alerting.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.Fingerprint;
import dev.watchdog.alerting.StoredAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code /watchdog alerts} pages: worst first, 20 a page, a hint for the next page, clear errors. */
class AlertListingTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");
    private static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    /** 45 alerts: id i is DiskFull on host-i, severities in turn (info, warning, critical), later ids newer. */
    private static List<StoredAlert> alerts() {
        List<StoredAlert> alerts = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            Map<String, String> labels = Map.of("alertname", i % 2 == 0 ? "DiskFull" : "CpuHigh", "instance",
                    "host-" + i, "severity", SEVERITIES.get(i % 3));
            alerts.add(new StoredAlert(i, "g/x", new AlertInstance(Fingerprint.of(labels), labels.get("alertname"),
                    labels, Map.of(), AlertState.FIRING, 1, T0.plusSeconds(i), T0.plusSeconds(i), null, null), null,
                    null, null, null, null, null, 0));
        }
        return alerts;
    }

    private static String page(String... arguments) {
        AlertListing.Parsed parsed = AlertListing.parse(List.of(arguments));
        return parsed.error() != null ? parsed.error()
                : AlertListing.page(alerts(), parsed.query(), alert -> "#" + alert.id() + " "
                        + alert.alert().severity());
    }

    private static List<String> lines(String text) {
        return Stream.of(text.split("\n")).filter(line -> line.startsWith("#")).toList();
    }

    @Test
    void theFirstPageShowsTheWorstTwentyAndHowToGetMore() {
        String first = page();

        assertThat(first).startsWith("*Active alerts* (45), worst first, page 1 of 3\n")
                .endsWith("\nPage 1 of 3; `/watchdog alerts page 2` for more.");
        // 15 critical (ids 2, 5, …, 44), oldest first, then the warnings
        assertThat(lines(first)).hasSize(20).startsWith("#2 critical", "#5 critical").contains("#44 critical")
                .endsWith("#1 warning", "#4 warning", "#7 warning", "#10 warning", "#13 warning");
    }

    @Test
    void theLastPageHasTheRestAndNoHint() {
        String last = page("page", "3");

        assertThat(last).startsWith("*Active alerts* (45), worst first, page 3 of 3\n").doesNotContain("for more");
        assertThat(lines(last)).hasSize(5).allSatisfy(line -> assertThat(line).endsWith(" info"));
    }

    @Test
    void matchersFilterAndTheHintKeepsThem() {
        String critical = page("severity=\u201Ccritical\u201D", "alertname=~\"Disk.*\"");

        assertThat(critical).startsWith("*Active alerts* (8) matching `severity=\"critical\" alertname=~\"Disk.*\"`,"
                + " worst first, page 1 of 1");
        assertThat(lines(critical)).containsExactly("#2 critical", "#8 critical", "#14 critical", "#20 critical",
                "#26 critical", "#32 critical", "#38 critical", "#44 critical");
        assertThat(page("alertname=\"DiskFull\""))
                .endsWith("`/watchdog alerts alertname=\"DiskFull\" page 2` for more.");
        assertThat(page("team=\"db\"")).isEqualTo("No active alert matches `team=\"db\"`.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "page 4|There is no page 4: 45 alerts make 3 pages of 20.",
            "page 0|`page` takes a page number from 1, at the end: " + AlertListing.USAGE + ".",
            "page two|`page` takes a page number from 1, at the end: " + AlertListing.USAGE + ".",
            "page|`page` takes a page number from 1, at the end: " + AlertListing.USAGE + ".",
            "page 2 severity=\"critical\"|`page` takes a page number from 1, at the end: " + AlertListing.USAGE + ".",
            "now|\"now\" is not a matcher (use label=\"value\", label!=\"value\", label=~\"regex\" or label!~\"regex\")."
                    + " Usage: " + AlertListing.USAGE + "."})
    void badPagesAndFiltersGetAClearError(String arguments, String error) {
        assertThat(page(arguments.split(" "))).isEqualTo(error);
    }
}
