package dev.watchdog;

import dev.watchdog.agent.slack.AgentFeature;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.PollStatus;
import dev.watchdog.alerting.slack.AlertingFeature;
import dev.watchdog.approval.ApprovalService;
import dev.watchdog.approval.slack.ApprovalFeature;
import dev.watchdog.boot.Core;
import dev.watchdog.memory.slack.MemoryFeature;
import dev.watchdog.ops.BuildVersion;
import dev.watchdog.reports.ReportsFeature;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watchdog: the list of its features. Each feature builds itself from its settings and the
 * {@link Core}; adding one is a new class and a line in {@link #start}.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    private final Core core;
    private final AlertingFeature alerting;
    private final ApprovalFeature approvals;
    private final MemoryFeature memory;

    private Watchdog(Core core, AlertingFeature alerting, ApprovalFeature approvals, MemoryFeature memory) {
        this.core = core;
        this.alerting = alerting;
        this.approvals = approvals;
        this.memory = memory;
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale: containers often have none, and Slack text is UTF-8.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int exit = run(Arrays.asList(args), System.getenv(), out, err);
        if (exit != Launcher.OK) {
            System.exit(exit);
        }
    }

    /** Runs the command line; for {@code run} it returns only when the process is asked to stop. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return Launcher.run(args, env, out, err);
    }

    /**
     * Builds and starts every feature. With {@code dryRun} Slack calls are printed to {@code out}
     * instead of being made, and no Slack connection is opened.
     */
    public static Watchdog start(WatchdogConfig config, boolean dryRun, PrintStream out, Clock clock)
            throws IOException {
        return start(config, dryRun, false, out, clock);
    }

    /** As {@link #start(WatchdogConfig, boolean, PrintStream, Clock)}; with {@code json} a dry run prints JSON lines. */
    public static Watchdog start(WatchdogConfig config, boolean dryRun, boolean json, PrintStream out, Clock clock)
            throws IOException {
        Core core = Core.open(config.slack(), config.prometheus(), config.store(), config.server(), dryRun, json, out,
                clock);
        try {
            core.trace(config.telemetry());
            AlertingFeature alerting = core.add(new AlertingFeature(core, new AlertingFeature.Settings(
                    config.groups(), config.routes(), config.slack().channel(), config.prometheus(),
                    config.alerting(), config.store().retention(), config.server().webhookToken())));
            ApprovalFeature approvals = core.add(new ApprovalFeature(core, config.actions(), config.secrets(),
                    config.slack().approvalOrphanedAfter()));
            MemoryFeature memory = core.add(new MemoryFeature(core, new MemoryFeature.Settings(config.handoff(),
                    config.store().retention(), config.llm(), config.slack().botToken()), alerting));
            core.add(new AgentFeature(core, config.llm(), config.logs(), config.deployments(), alerting, approvals,
                    memory.forAgent()));
            ReportsFeature reports = core.add(new ReportsFeature(core, config.reports(), alerting,
                    config.prometheus().pollInterval()));
            reports.addSection(memory.hitRate());
            core.start();
            log.info("watchdog {} started: {} rule(s), {} alert(s) restored from the store, Prometheus {}, channel {}{}",
                    BuildVersion.current().version(), config.rules().size(), alerting.restored(),
                    config.prometheus().url(), config.slack().channel(),
                    dryRun ? " (dry run: Slack calls are printed, not sent; the store is in memory)" : "");
            return new Watchdog(core, alerting, approvals, memory);
        } catch (IOException | RuntimeException failure) {
            core.close();
            throw failure;
        }
    }

    public int opsPort() {
        return core.ops().port();
    }

    public AlertStore store() {
        return alerting.store();
    }

    public AlertTracker tracker() {
        return alerting.tracker();
    }

    public PollStatus pollStatus() {
        return alerting.pollStatus();
    }

    /** Proposals of catalogue actions: what the agent's propose_action tool calls. */
    public ApprovalService approvals() {
        return approvals.service();
    }

    /** The incident memory: recorded causes, diagnoses and feedback, the hit-rate report section. */
    public MemoryFeature memory() {
        return memory;
    }

    @Override
    public void close() {
        log.info("watchdog stopping: finishing queued Slack messages and traces");
        core.close();
        log.info("watchdog stopped");
    }
}
