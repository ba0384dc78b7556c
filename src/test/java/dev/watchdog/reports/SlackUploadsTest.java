package dev.watchdog.reports;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.Slack;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.prometheus.Point;
import dev.watchdog.reports.chart.ChartSeries;
import dev.watchdog.reports.chart.Png;
import dev.watchdog.reports.chart.TimeCharts;
import dev.watchdog.reports.slack.SlackUploads;
import dev.watchdog.testing.FakeSlackApi;
import dev.watchdog.testing.FakeWorkspace;
import dev.watchdog.testing.LogCapture;
import dev.watchdog.testing.SlackCall;
import dev.watchdog.testing.SlackTestHarness;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackUploadsTest {

    private static final Instant ONSET = Instant.parse("2026-11-22T02:00:00Z");

    private final FakeSlackApi api = FakeSlackApi.start();
    private final Slack slack = Slack.getInstance(SlackTestHarness.slackConfigFor(api));
    private final SlackUploads uploads = new SlackUploads(slack.methods(FakeWorkspace.BOT_TOKEN), SharedHttpClient.get());

    @AfterEach
    void stop() throws Exception {
        slack.close();
        api.close();
    }

    private static Png graph() {
        List<Point> points = IntStream.range(0, 120).mapToObj(minute -> new Point(ONSET.plusSeconds(60L * (minute - 60)),
                minute < 60 ? 0.01 : 0.2)).toList();
        return TimeCharts.alertGraph("alert-7.png", "HighErrorRatio around its onset",
                List.of(new ChartSeries("job=checkout", points)), 0.05, ONSET, ZoneOffset.UTC);
    }

    @Test
    void aGraphIsAPngOfTheExpectedSizeUploadedInTheTwoStepFlowIntoTheThread() throws Exception {
        FakeSlackUploads fake = FakeSlackUploads.on(api);
        Png png = graph();

        assertThat(uploads.share(png, "C0ALERTS", "1700000000.000100")).isTrue();

        SlackCall ask = api.calls("files.getUploadURLExternal").get(0);
        assertThat(ask.param("filename")).isEqualTo("alert-7.png");
        assertThat(ask.param("length")).isEqualTo(Integer.toString(png.bytes().length));
        LoggedRequest upload = fake.uploads().get(0);
        assertThat(upload.getHeader("Content-Type")).isEqualTo("image/png");
        assertThat(upload.getBody()).isEqualTo(png.bytes());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(upload.getBody()));
        assertThat(image.getWidth()).isEqualTo(TimeCharts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(TimeCharts.HEIGHT);
        SlackCall complete = api.calls("files.completeUploadExternal").get(0);
        assertThat(complete.param("channel_id")).isEqualTo("C0ALERTS");
        assertThat(complete.param("thread_ts")).isEqualTo("1700000000.000100");
        assertThat(complete.param("files")).contains("\"id\":\"" + FakeSlackUploads.FILE_ID + "\"",
                "\"title\":\"HighErrorRatio around its onset\"");
        assertThat(api.allCalls()).extracting(SlackCall::method)
                .containsExactly("files.getUploadURLExternal", "files.completeUploadExternal");
    }

    @Test
    void aWorkspaceThatRefusesUploadsGetsTextOnlyAndTheRefusalIsLoggedOnce() throws Exception {
        api.respondTo("files.getUploadURLExternal", "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"files:write\"}");
        try (LogCapture logs = LogCapture.open()) {
            int mark = logs.mark();

            assertThat(uploads.share(graph(), "C0ALERTS", "1700000000.000100")).isFalse();
            assertThat(uploads.share(graph(), "C0ALERTS", "1700000000.000200")).isFalse();

            assertThat(logs.since(mark, Level.WARN)).hasSize(1).allSatisfy(event -> assertThat(
                    event.getFormattedMessage()).contains("missing_scope", "files:write"));
        }
        assertThat(api.calls("files.getUploadURLExternal")).as("not asked again once refused").hasSize(1);
        assertThat(api.calls("files.completeUploadExternal")).isEmpty();
    }
}
