package dev.watchdog.reports.noise;

import dev.watchdog.reports.ReportPeriod;
import dev.watchdog.reports.slack.AfterTheAck;
import dev.watchdog.slack.CommandInput;
import dev.watchdog.slack.CommandReply;
import dev.watchdog.slack.SubCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * {@code /watchdog noise [24h|7d|30d]}: answers at once, then tells the person the noisiest rules with a
 * backtested suggestion each (ephemeral: tuning advice is for whoever asked).
 */
public final class NoiseCommand implements SubCommand {

    private final NoiseReport noise;
    private final Executor work;
    private final Clock clock;

    public NoiseCommand(NoiseReport noise, Executor work, Clock clock) {
        this.noise = noise;
        this.work = work;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "noise";
    }

    @Override
    public String usage() {
        return "noise [24h|7d|30d]";
    }

    @Override
    public String description() {
        return "the noisiest rules, with a change backtested on Prometheus history";
    }

    @Override
    public CommandReply handle(CommandInput input) {
        if (input.arguments().size() > 1) {
            return CommandReply.ephemeral("Usage: `/watchdog " + usage() + "`.");
        }
        Optional<ReportPeriod> period = input.arguments().isEmpty() ? Optional.of(ReportPeriod.DEFAULT)
                : ReportPeriod.parse(input.arguments().get(0));
        if (period.isEmpty()) {
            return CommandReply.ephemeral("`" + input.arguments().get(0) + "` is not a period (allowed: "
                    + ReportPeriod.ALLOWED + ").");
        }
        Instant to = clock.instant();
        return AfterTheAck.start(work, input, "The noise report", () -> input.later().tell(noise.render(
                to.minus(period.get().length()), to, period.get().text())), "backtesting the noisiest rules of the"
                + " last " + period.get().text() + " against Prometheus history.");
    }
}
