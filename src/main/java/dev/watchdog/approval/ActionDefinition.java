package dev.watchdog.approval;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One action of the team's catalogue: the only things the agent can propose.
 *
 * @param approvers           Slack user ids (U…, W…) and user group ids (S…) who may approve
 * @param requireSecondPerson the person whose question led to a proposal cannot approve it alone
 * @param expiresAfter        how long a proposal waits for a decision
 * @param parameters          in the order the config lists them
 */
public record ActionDefinition(String id, String description, String risk, List<String> approvers,
        boolean requireSecondPerson, Duration expiresAfter, List<ParameterSpec> parameters, WebhookSpec webhook) {

    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(30);

    public ActionDefinition {
        approvers = List.copyOf(approvers);
        parameters = List.copyOf(parameters);
    }

    public Optional<ParameterSpec> parameter(String name) {
        return parameters.stream().filter(parameter -> parameter.name().equals(name)).findFirst();
    }

    public List<String> parameterNames() {
        return parameters.stream().map(ParameterSpec::name).toList();
    }
}
