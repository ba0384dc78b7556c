package dev.watchdog.memory.slack;

import dev.watchdog.agent.ChatModelFactory;
import dev.watchdog.agent.LlmSettings;
import dev.watchdog.agent.slack.AgentMemory;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.notify.AlertAddOns;
import dev.watchdog.alerting.slack.AlertingFeature;
import dev.watchdog.approval.SqlProposalStore;
import dev.watchdog.boot.Core;
import dev.watchdog.boot.Feature;
import dev.watchdog.db.StoreException;
import dev.watchdog.memory.HitRateSection;
import dev.watchdog.memory.MemoryPruner;
import dev.watchdog.memory.MemoryStore;
import dev.watchdog.memory.PastIncidentFinder;
import dev.watchdog.memory.SqlMemoryStore;
import dev.watchdog.reports.ReportSection;
import dev.watchdog.reports.handoff.HandoffCommand;
import dev.watchdog.reports.handoff.HandoffDigest;
import dev.watchdog.reports.handoff.HandoffRoutine;
import dev.watchdog.reports.handoff.HandoffSettings;
import dev.watchdog.security.Secret;
import dev.watchdog.slack.SlackBot;
import dev.watchdog.slack.SlashCommandRouter;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incident memory: what people recorded each incident was (the What was it? button and form,
 * shown on the alert's message), 👍 / 👎 on every diagnosis, similar past incidents for the
 * investigator, {@code /watchdog history}, and the hand-off digest at shift change
 * ({@code /watchdog handoff}).
 */
public final class MemoryFeature implements Feature {

    private static final Logger log = LoggerFactory.getLogger(MemoryFeature.class);

    /**
     * What the memory needs from the config.
     *
     * @param retention how long memory is kept: the store's retention, like alert history
     * @param botToken  keys the signature of the forms' metadata, the same on every replica
     */
    public record Settings(HandoffSettings handoff, Duration retention, LlmSettings llm, Secret botToken) {
    }

    private final Core core;
    private final Settings settings;
    private final AlertingFeature alerting;
    private final MemoryStore memory;
    private final PastIncidentFinder pastIncidents;
    private final HandoffDigest digest;
    private final ModalMetadata metadata;

    public MemoryFeature(Core core, Settings settings, AlertingFeature alerting) {
        this.core = core;
        this.settings = settings;
        this.alerting = alerting;
        this.memory = new SqlMemoryStore(core.database());
        AlertStore alerts = alerting.store();
        this.pastIncidents = new PastIncidentFinder(alerts, memory, core.clock());
        this.digest = new HandoffDigest(alerts, memory, new SqlProposalStore(core.database()));
        this.metadata = new ModalMetadata(settings.botToken().reveal());
        alerting.views().addOns(stored -> {
            try {
                return CauseBlocks.addOns(stored, memory.cause(stored.id()));
            } catch (StoreException failure) {
                log.warn("could not read the recorded cause of alert #{}: {}", stored.id(), failure.getMessage(),
                        failure);
                return AlertAddOns.NONE;
            }
        });
    }

    /** What the investigator reads from the memory and tells it. */
    public AgentMemory forAgent() {
        LlmSettings llm = settings.llm();
        String model = ChatModelFactory.whyNoModel(llm).isPresent() ? "none" : llm.provider() + "/" + llm.model();
        return new AgentMemory(pastIncidents, new DiagnosisRecorder(memory, model, core.clock()));
    }

    /** The investigator's hit rate per rule and per model, for {@code /watchdog report}. */
    public ReportSection hitRate() {
        return new HitRateSection(memory);
    }

    public MemoryStore store() {
        return memory;
    }

    @Override
    public void registerSlack(SlackBot bot, SlashCommandRouter commands) {
        Executor afterAck = bot.afterAck(core.workers().pool("memory-clicks", 2));
        bot.register(new CauseRecording(alerting.store(), memory, metadata, afterAck, alerting.notifier()::refresh,
                core.clock())::register);
        bot.register(new FeedbackRecording(memory, metadata, afterAck, core.clock())::register);
        commands.add(new HistoryCommand(alerting.store(), memory, core.clock()).subCommand());
        commands.add(new HandoffCommand(settings.handoff().targets(), alerting.store(), memory, digest, core.clock())
                .subCommand());
    }

    /** The leader prunes the memory with the retention and sends the hand-off digests. */
    @Override
    public void start() {
        core.workers().schedule(core.leader().whileLeading(MemoryPruner.of(memory, settings.retention(),
                core.clock())));
        if (!settings.handoff().targets().isEmpty()) {
            core.workers().schedule(core.leader().whileLeading(new HandoffRoutine(settings.handoff().targets(), memory,
                    digest, core.poster(), core.clock())));
        }
    }
}
