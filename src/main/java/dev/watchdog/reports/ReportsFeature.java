package dev.watchdog.reports;

import dev.watchdog.alerting.slack.AlertingFeature;
import dev.watchdog.boot.Core;
import dev.watchdog.boot.Feature;
import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.reports.graph.AlertGraphs;
import dev.watchdog.reports.noise.Backtest;
import dev.watchdog.reports.noise.NoiseCommand;
import dev.watchdog.reports.noise.NoiseReport;
import dev.watchdog.reports.slack.ReportCommand;
import dev.watchdog.reports.slack.ReportDelivery;
import dev.watchdog.reports.slack.SlackUploads;
import dev.watchdog.reports.slo.SloReporter;
import dev.watchdog.slack.SlackBot;
import dev.watchdog.slack.SlashCommandRouter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/**
 * Reports: {@code /watchdog report} and scheduled reports over the objectives in {@code slos:} and the
 * alerting side from the store, {@code /watchdog noise}, and a graph in every alert's thread.
 */
public final class ReportsFeature implements Feature {

    private final Core core;
    private final ReportsSettings settings;
    private final List<ReportSection> sections = new CopyOnWriteArrayList<>();
    private final ReportBuilder builder;
    private final ReportDelivery delivery;
    private final NoiseReport noise;
    private final ExecutorService work;

    /** @param pollInterval how often rules are evaluated: the step of the noise backtest */
    public ReportsFeature(Core core, ReportsSettings settings, AlertingFeature alerting, Duration pollInterval) {
        this.core = core;
        this.settings = settings;
        sections.add(new AlertingSection(alerting.store()));
        this.builder = new ReportBuilder(settings.slos(), new SloReporter(core.prometheus()), sections);
        Optional<SlackUploads> uploads = core.slackApi().map(slack -> new SlackUploads(slack, SharedHttpClient.get()));
        this.delivery = new ReportDelivery(core.poster(), uploads);
        this.noise = new NoiseReport(alerting.store(), alerting.tracker().rules(),
                new Backtest(core.prometheus(), pollInterval));
        this.work = core.workers().bounded("reports", 2, 20);
        uploads.ifPresent(slack -> alerting.notifier().onAnnounced(new AlertGraphs(alerting.views(),
                core.prometheus(), slack, core.workers().bounded("alert-graphs", 1, 50), core.clock(),
                alerting.notifier().openings())));
    }

    /** Adds a part to every report (on demand and scheduled), after the ones already there. */
    public void addSection(ReportSection section) {
        sections.add(section);
    }

    @Override
    public void registerSlack(SlackBot bot, SlashCommandRouter commands) {
        commands.add(new ReportCommand(builder, delivery, work, core.clock()));
        commands.add(new NoiseCommand(noise, work, core.clock()));
    }

    @Override
    public void start() {
        core.workers().schedule(core.leader().whileLeading(new ReportScheduler(settings.scheduled(), core.claims(),
                core.clock(), (report, due) -> delivery.deliver(report.channel(), builder.build(report.services(),
                        report.period(), due, report.schedule().zone())))));
    }
}
