package dev.watchdog.reports.slack;

import dev.watchdog.reports.Report;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackPoster;
import dev.watchdog.slack.WriteClass;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts a report to a channel, its chart following in the report's thread. */
public final class ReportDelivery {

    private static final Logger log = LoggerFactory.getLogger(ReportDelivery.class);

    private final SlackPoster poster;
    private final Optional<SlackUploads> uploads;

    /** @param uploads empty in a dry run: reports go out as text */
    public ReportDelivery(SlackPoster poster, Optional<SlackUploads> uploads) {
        this.poster = poster;
        this.uploads = uploads;
    }

    /** A scheduled report: {@link WriteClass#BULK}, after what people and alerts are waiting for. */
    public PostedMessage deliver(String channel, Report report) {
        return deliver(WriteClass.BULK, channel, report);
    }

    /** A report somebody asked for with a command: an answer, {@link WriteClass#INTERACTIVE}. */
    public PostedMessage answer(String channel, Report report) {
        return deliver(WriteClass.INTERACTIVE, channel, report);
    }

    private PostedMessage deliver(WriteClass writeClass, String channel, Report report) {
        PostedMessage posted = poster.at(writeClass).post(channel, null, SlackMessage.text(report.text()));
        report.chart().ifPresent(chart -> uploads.ifPresent(slack -> {
            try {
                slack.share(chart, posted.channel(), posted.ts());
            } catch (IOException failure) {
                log.warn("the report's chart could not be uploaded: {}", failure.getMessage(), failure);
            }
        }));
        return posted;
    }
}
