package dev.watchdog.reports.slack;

import dev.watchdog.reports.ReportBuilder;
import dev.watchdog.reports.ReportPeriod;
import dev.watchdog.reports.slo.Slo;
import dev.watchdog.reports.slo.SloQueries;
import dev.watchdog.slack.CommandInput;
import dev.watchdog.slack.CommandReply;
import dev.watchdog.slack.SubCommand;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * {@code /watchdog report [service] [24h|7d|30d] [queries]}: answers at once that it is working on it, then
 * posts the report in the channel; {@code queries} shows the PromQL behind the numbers instead.
 */
public final class ReportCommand implements SubCommand {

    static final String USAGE = "report [service] [24h|7d|30d] [queries]";

    private final ReportBuilder reports;
    private final ReportDelivery delivery;
    private final Executor work;
    private final Clock clock;

    public ReportCommand(ReportBuilder reports, ReportDelivery delivery, Executor work, Clock clock) {
        this.reports = reports;
        this.delivery = delivery;
        this.work = work;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public String description() {
        return "objectives, error budget, latency and the alerting side of a period, e.g. report shop 7d";
    }

    private record Request(String service, ReportPeriod period, boolean queries) {
    }

    @Override
    public CommandReply handle(CommandInput input) {
        String service = null;
        ReportPeriod period = null;
        boolean queries = false;
        for (String word : input.arguments()) {
            Optional<ReportPeriod> asPeriod = ReportPeriod.parse(word);
            if (asPeriod.isPresent() && period == null) {
                period = asPeriod.get();
            } else if (word.equals("queries") && !queries) {
                queries = true;
            } else if (service == null && asPeriod.isEmpty()) {
                service = word;
            } else {
                return CommandReply.ephemeral("Usage: `/watchdog " + USAGE + "` (periods: " + ReportPeriod.ALLOWED
                        + "); `" + word + "` is one word too many.");
            }
        }
        if (service != null && reports.slo(service).isEmpty() && !reports.services().isEmpty()) {
            return CommandReply.ephemeral("No objectives for service `" + service + "`; services with objectives: "
                    + String.join(", ", reports.services()) + ".");
        }
        Request request = new Request(service, period == null ? ReportPeriod.DEFAULT : period, queries);
        return request.queries() ? queries(request) : start(request, input);
    }

    private CommandReply queries(Request request) {
        List<Slo> covered = reports.covered(request.service() == null ? List.of() : List.of(request.service()));
        if (covered.isEmpty()) {
            return CommandReply.ephemeral("No `slos:` are configured, so the report has no Prometheus queries.");
        }
        String text = covered.stream().map(slo -> "*" + slo.service() + "*, last " + request.period().text()
                + ":\n```\n" + String.join("\n", new SloQueries(slo).all(request.period().length())) + "\n```")
                .collect(Collectors.joining("\n"));
        return CommandReply.ephemeral(text + "\nEach is an instant query at the end of the period.");
    }

    private CommandReply start(Request request, CommandInput input) {
        return AfterTheAck.start(work, input, "The report", () -> delivery.answer(input.channelId(),
                reports.build(request.service(), request.period(), clock.instant(), ZoneOffset.UTC)), "the report"
                + (request.service() == null ? "" : " for " + request.service()) + " over the last "
                + request.period().text() + " will appear here shortly.");
    }
}
