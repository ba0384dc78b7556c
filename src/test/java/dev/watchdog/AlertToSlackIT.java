package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.MetricsEndpoint;
import dev.watchdog.testing.RealPrometheus;
import dev.watchdog.testing.RunningWatchdog;
import dev.watchdog.testing.SlackBlocks;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: a real Prometheus scrapes a gauge this test controls; a rule
 * in Watchdog's config fires when the gauge crosses its threshold and the alert reaches Slack
 * (the fake Web API) through the real Bolt client.
 */
class AlertToSlackIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void ruleFiresWhenTheMetricCrossesItsThresholdAndResolvesWhenItRecovers() throws Exception {
        try (MetricsEndpoint metrics = new MetricsEndpoint();
                RealPrometheus prometheus = RealPrometheus.builder().scrape(metrics).start();
                SlackTestHarness slack = SlackTestHarness.start()) {
            metrics.set("checkout_error_ratio", Map.of("service", "checkout"), 0.01);
            prometheus.awaitScrapes(1);
            try (RunningWatchdog watchdog = RunningWatchdog.start(slack, prometheus.url(), """
                    groups:
                      - name: checkout
                        rules:
                          - alert: CheckoutErrors
                            expr: checkout_error_ratio > 0.05
                            labels: {severity: critical}
                            annotations: {summary: "{{ $labels.service }} error ratio is {{ $value }}"}
                    """, dir)) {
                slack.socketMode().awaitConnected(TIMEOUT);
                prometheus.awaitScrapes(1);
                assertThat(slack.api().calls("chat.postMessage")).as("below the threshold nothing is posted").isEmpty();

                metrics.set("checkout_error_ratio", Map.of("service", "checkout"), 0.2);
                SlackCall post = slack.api().awaitCalls("chat.postMessage", 1, TIMEOUT).get(0);

                assertThat(post.channel()).isEqualTo(FakeWorkspace.CHANNEL_ID);
                assertThat(post.text()).isEqualTo("[FIRING] CheckoutErrors: checkout error ratio is 0.2");
                assertThat(post.blocks().get(0).path("text").path("text").asText())
                        .matches(":red_circle: \\*CheckoutErrors\\*  ·  CRITICAL  ·  `#\\d+`");
                assertThat(SlackBlocks.byId(post.attachments().get(0), "alert-fields").path("fields").toString())
                        .contains("*Value*\\n0.2  (threshold &gt; 0.05)", "*service*\\ncheckout",
                                "*job*\\n" + RealPrometheus.JOB);

                metrics.set("checkout_error_ratio", Map.of("service", "checkout"), 0.0);
                SlackCall update = slack.api().awaitCalls("chat.update", 1, TIMEOUT).get(0);
                assertThat(update.param("ts")).isEqualTo(post.postedTs());
                assertThat(update.text()).startsWith("[RESOLVED] CheckoutErrors");
                assertThat(slack.api().calls("chat.postMessage").stream().filter(call -> call.threadTs() == null))
                        .hasSize(1);
            }
        }
    }
}
