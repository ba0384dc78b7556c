package dev.watchdog.agent.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.Await;
import dev.watchdog.testing.FakePrometheus;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An alert storm starts one investigation, in the group message's thread, not one per alert. */
class StormInvestigationEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DISKS = "disk_used_ratio > 0.9";

    @TempDir
    Path dir;

    @Test
    void aStormGetsOneInvestigationInItsGroupThread() throws Exception {
        try (FakePrometheus prometheus = new FakePrometheus(); SlackTestHarness slack = SlackTestHarness.start()) {
            prometheus.nothingFor(DISKS);
            try (RunningWatchdog watchdog = RunningWatchdog.start(slack, prometheus.url(), """
                    llm: {provider: none}
                    alerting: {storm-threshold: 2, storm-window: 1m}
                    groups:
                      - name: disks
                        rules:
                          - alert: DiskFull
                            expr: %s
                            labels: {severity: warning}
                    """.formatted(DISKS), "", dir, Clock.systemUTC())) {
                slack.socketMode().awaitConnected(TIMEOUT);
                prometheus.answer(DISKS, List.of(Map.of("instance", "node-1")), 0.97);
                Await.until(TIMEOUT, () -> investigations(slack).size() == 1, () -> "the first alert: "
                        + investigations(slack));
                List<Map<String, String>> nodes = new ArrayList<>();
                for (int i = 1; i <= 8; i++) {
                    nodes.add(Map.of("instance", "node-" + i));
                }
                prometheus.answer(DISKS, nodes, 0.97);

                SlackCall group = Await.value(TIMEOUT, () -> slack.api().calls("chat.postMessage").stream()
                        .filter(call -> call.text().startsWith("Alert storm")).findFirst(), () -> "no storm");
                Await.until(TIMEOUT, () -> investigations(slack).size() >= 2, () -> "investigations: "
                        + investigations(slack));
                prometheus.awaitQueries(3, TIMEOUT);

                List<SlackCall> started = investigations(slack);
                assertThat(started).as("one alert before the storm, then one for the whole storm; posts: %s",
                        slack.api().calls("chat.postMessage")).hasSize(2);
                assertThat(started).filteredOn(call -> group.postedTs().equals(call.threadTs())).hasSize(1);
            }
        }
    }

    private static List<SlackCall> investigations(SlackTestHarness slack) {
        return slack.api().calls("chat.postMessage").stream()
                .filter(call -> call.text().startsWith(":mag: Investigating")).toList();
    }
}
