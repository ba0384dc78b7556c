package dev.watchdog.agent.slack;

import dev.watchdog.agent.AgentDependencies;
import dev.watchdog.agent.BudgetStatus;
import dev.watchdog.agent.ChatModelFactory;
import dev.watchdog.agent.TokenBudget;
import dev.watchdog.agent.CostLine;
import dev.watchdog.agent.Investigator;
import dev.watchdog.agent.Investigators;
import dev.watchdog.agent.LlmSettings;
import dev.watchdog.agent.SqlConversationStore;
import dev.watchdog.agent.incident.Incidents;
import dev.watchdog.agent.incident.Permalinks;
import dev.watchdog.agent.incident.SqlIncidentStore;
import dev.watchdog.agent.tools.LogSearcher;
import dev.watchdog.alerting.slack.AlertingFeature;
import dev.watchdog.approval.slack.ApprovalFeature;
import dev.watchdog.boot.Core;
import dev.watchdog.boot.Feature;
import dev.watchdog.concurrent.Routine;
import dev.watchdog.db.Leadership;
import dev.watchdog.deploys.DeploymentSources;
import dev.watchdog.deploys.DeploymentsSettings;
import dev.watchdog.logs.LogSources;
import dev.watchdog.logs.LogsSettings;
import dev.watchdog.slack.Placeholders;
import dev.watchdog.slack.SlackBot;
import dev.watchdog.slack.SlashCommandRouter;
import java.util.Optional;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The investigator: every alert that reaches Slack is investigated in its thread (unless
 * {@code llm.analyze-alerts} is off), the Investigate button, thread replies, mentions and
 * {@code /watchdog ask} go to the agent, whose read-only tools see Prometheus, logs, deployments
 * and the alerts, and who may propose catalogued actions.
 */
public final class AgentFeature implements Feature {

    /** Investigations at once; more wait in a short queue, and past that the button says to retry. */
    private static final int INVESTIGATIONS = 2;
    private static final int QUEUED_INVESTIGATIONS = 50;

    private final Core core;
    private final LogSources logs;
    private final Investigator investigator;
    private final CostLine costLine;
    private final SqlConversationStore conversations;
    private final AlertingFeature alerting;
    private final Placeholders placeholders;

    public AgentFeature(Core core, LlmSettings llm, LogsSettings logSettings, DeploymentsSettings deployments,
            AlertingFeature alerting, ApprovalFeature approvals) {
        this(core, llm, logSettings, deployments, alerting, approvals, AgentMemory.NONE);
    }

    /** @param memory the incident memory: past incidents for the investigator, feedback on its diagnoses */
    public AgentFeature(Core core, LlmSettings llm, LogsSettings logSettings, DeploymentsSettings deployments,
            AlertingFeature alerting, ApprovalFeature approvals, AgentMemory memory) {
        this.core = core;
        this.alerting = alerting;
        this.logs = LogSources.from(logSettings, core.clock());
        this.conversations = new SqlConversationStore(core.database());
        AgentDependencies needs = AgentDependencies.of(core.prometheus(), LogSearcher.over(logs),
                DeploymentSources.from(deployments, core.clock()), alerting.store(), conversations, core.clock())
                .withUsageListener((kind, usage) -> core.metrics().llmTokens(kind, usage.inputTokens(),
                        usage.outputTokens()))
                .withProposals(approvals.proposals(alerting.store()))
                .withPastIncidents(memory.pastIncidents());
        needs = core.slackApi().map(SlackThreadHistory::new).map(needs::withThreadHistory).orElse(needs);
        TokenBudget budget = new TokenBudget(llm.budget(), conversations, core.clock());
        this.investigator = Investigators.create(llm, needs, budget);
        if (ChatModelFactory.whyNoModel(llm).isEmpty()) {
            alerting.addStatusLine(() -> Optional.of(budgetLine(budget.status())));
        }
        this.costLine = CostLine.from(llm);
        Incidents incidents = new Incidents(llm.incident(), new SqlIncidentStore(core.database()), core.clock());
        Permalinks permalinks = core.slackApi().<Permalinks>map(SlackPermalinks::new).orElse(Permalinks.BUILT);
        this.placeholders = new Placeholders(core.database(), core.claims().replica(), core.clock());
        InvestigationLauncher investigations = new InvestigationLauncher(investigator, alerting.notifier(),
                alerting.views(), conversations, costLine, core.claims(),
                core.workers().bounded("investigation", INVESTIGATIONS, QUEUED_INVESTIGATIONS), incidents, permalinks,
                core.clock(), core.metrics()::evidenceUnverified, placeholders);
        investigations.onDiagnosis(memory.diagnoses());
        if (llm.analyzeAlerts()) {
            alerting.notifier().onAnnounced(investigations);
        }
        alerting.onInvestigate((alert, user) -> investigations.investigateNow(alert)
                ? "Investigating: the analysis comes in the alert's thread."
                : "Too many investigations are running right now; try again in a minute.");
    }

    /** "Model budget: 12,340 of 50,000 tokens this hour, ..." and, when spent, what that means. */
    static String budgetLine(BudgetStatus status) {
        return "Model budget: " + status.usage() + status.whySpent()
                .map(why -> "\n:warning: Alerts get the evidence summary without a model: " + why + ".").orElse("");
    }

    @Override
    public void registerSlack(SlackBot bot, SlashCommandRouter commands) {
        ThreadConversations threads = new ThreadConversations(investigator, core.poster(), alerting.store(),
                conversations, alerting.views(), costLine, core.claims(), core.workers().pool("conversation", 2),
                placeholders);
        commands.add(threads.askCommand());
        bot.register(threads::register);
    }

    /** The leader finishes placeholders whose replica died mid-work: at start (after a crash), then every minute. */
    @Override
    public void start() {
        core.workers().schedule(core.leader().whileLeading(Routine.of("interrupted-placeholders",
                Duration.ofMinutes(1), Duration.ZERO, () -> placeholders.finishInterrupted(core.leader().replicas()
                        .stream().map(Leadership.ReplicaStatus::id).collect(Collectors.toSet()), core.poster()))));
    }

    @Override
    public void close() {
        logs.close();
    }
}
