package dev.watchdog.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.watchdog.deploys.DeploymentSources;
import java.time.Duration;

/** "What changed?" for the model: recent deployments from every configured source. */
public final class DeploymentTools {

    static final int DEFAULT_HOURS = 6;
    static final int MAX_HOURS = 7 * 24;

    private final DeploymentSources deployments;

    public DeploymentTools(DeploymentSources deployments) {
        this.deployments = deployments;
    }

    @Tool(name = "recent_deployments", value = "Lists recent deployments (newest first) from the configured "
            + "deployment sources, to see whether a change lines up with the problem.")
    public String recentDeployments(
            @P(value = "The service to look at; leave out for every service", required = false) String service,
            @P(value = "How many hours back to look; default 6", required = false) Integer hours) {
        int lookback = ToolArguments.count("recent_deployments", "hours", hours, DEFAULT_HOURS, MAX_HOURS);
        return deployments.recent(ToolArguments.isBlank(service) ? null : service.strip(), Duration.ofHours(lookback))
                .render();
    }
}
