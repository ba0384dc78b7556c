package dev.watchdog.reports.slack;

import dev.watchdog.slack.CommandInput;
import dev.watchdog.slack.CommandReply;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slow work a command starts: the command answers "working on it" within Slack's 3 s, the work runs after,
 * and a failure is told to whoever asked.
 */
public final class AfterTheAck {

    private static final Logger log = LoggerFactory.getLogger(AfterTheAck.class);

    private AfterTheAck() {
    }

    /**
     * @param what names the work in the failure message, e.g. "The report"
     * @param workingOnIt the answer when the work was started
     */
    public static CommandReply start(Executor work, CommandInput input, String what, Runnable body,
            String workingOnIt) {
        try {
            work.execute(() -> {
                try {
                    body.run();
                } catch (RuntimeException failure) {
                    log.warn("{} for {} failed: {}", what, input.userId(), failure.getMessage(), failure);
                    input.later().tell(":warning: " + what + " could not be made: " + failure.getMessage());
                }
            });
        } catch (RejectedExecutionException busy) {
            return CommandReply.ephemeral(":hourglass: Too many reports are being made right now; try again in a minute.");
        }
        return CommandReply.ephemeral(":hourglass_flowing_sand: Working on it: " + workingOnIt);
    }
}
