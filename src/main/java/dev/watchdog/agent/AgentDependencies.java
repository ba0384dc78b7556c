package dev.watchdog.agent;

import dev.watchdog.agent.tools.ActionProposer;
import dev.watchdog.agent.tools.LogSearcher;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.deploys.DeploymentSources;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.security.Redactor;
import dev.watchdog.slack.Sleeper;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * What the agent reads from and reports to, wired in one place.
 *
 * @param logs          log search, or {@link LogSearcher#NONE}
 * @param threadHistory the Slack thread reader used to rebuild a forgotten conversation
 * @param redactor      applied to everything sent to the model; add configured secrets with
 *                      {@link Redactor#alsoMasking}
 * @param usageListener told the tokens of every turn, by kind ({@code analysis} or {@code question}),
 *                      e.g. to count them in metrics
 * @param sleeper       how retries of the model wait
 * @param proposals     where {@code propose_action} sends proposals; {@link ActionProposer#NONE}: no such tool
 * @param pastIncidents the team's memory of earlier incidents; {@link PastIncidents#NONE}: none
 */
public record AgentDependencies(PrometheusClient prometheus, LogSearcher logs, DeploymentSources deployments,
        AlertStore alerts, ConversationStore conversations, ThreadHistory threadHistory, Clock clock,
        Redactor redactor, BiConsumer<String, TokenUsage> usageListener, Sleeper sleeper, ActionProposer proposals,
        PastIncidents pastIncidents) {

    public static AgentDependencies of(PrometheusClient prometheus, LogSearcher logs, DeploymentSources deployments,
            AlertStore alerts, ConversationStore conversations, Clock clock) {
        return new AgentDependencies(prometheus, logs, deployments, alerts, conversations, ThreadHistory.NONE, clock,
                Redactor.standard(), (kind, usage) -> { }, Sleeper.system(), ActionProposer.NONE,
                PastIncidents.NONE);
    }

    /** With the approval side the {@code propose_action} tool hands proposals to; none: no such tool. */
    public AgentDependencies withProposals(ActionProposer proposer) {
        return new AgentDependencies(prometheus, logs, deployments, alerts, conversations, threadHistory, clock,
                redactor, usageListener, sleeper, proposer, pastIncidents);
    }

    public AgentDependencies withThreadHistory(ThreadHistory history) {
        return new AgentDependencies(prometheus, logs, deployments, alerts, conversations, history, clock, redactor,
                usageListener, sleeper, proposals, pastIncidents);
    }

    public AgentDependencies withRedactor(Redactor newRedactor) {
        return new AgentDependencies(prometheus, logs, deployments, alerts, conversations, threadHistory, clock,
                newRedactor, usageListener, sleeper, proposals, pastIncidents);
    }

    public AgentDependencies withUsageListener(BiConsumer<String, TokenUsage> listener) {
        return new AgentDependencies(prometheus, logs, deployments, alerts, conversations, threadHistory, clock,
                redactor, listener, sleeper, proposals, pastIncidents);
    }

    public AgentDependencies withSleeper(Sleeper newSleeper) {
        return new AgentDependencies(prometheus, logs, deployments, alerts, conversations, threadHistory, clock,
                redactor, usageListener, newSleeper, proposals, pastIncidents);
    }

    /** With the team's memory of earlier incidents, for the summary line and the {@code past_incidents} tool. */
    public AgentDependencies withPastIncidents(PastIncidents memory) {
        return new AgentDependencies(prometheus, logs, deployments, alerts, conversations, threadHistory, clock,
                redactor, usageListener, sleeper, proposals, memory);
    }
}
