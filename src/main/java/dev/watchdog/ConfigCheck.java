package dev.watchdog;

import dev.watchdog.agent.PromptLibrary;
import dev.watchdog.alerting.AlertRule;
import dev.watchdog.deploys.DeploymentSources;
import dev.watchdog.logs.LogSources;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.prometheus.PrometheusException;
import dev.watchdog.slack.SlackTokens;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check-config}: the config and rule files have loaded; now try each rule's expression
 * on Prometheus once, when it can be reached, so a typo is found now rather than at 2 a.m.
 */
public final class ConfigCheck {

    private final PrometheusClient prometheus;
    private final Clock clock;

    public ConfigCheck(PrometheusClient prometheus, Clock clock) {
        this.prometheus = prometheus;
        this.clock = clock;
    }

    /** Prints the report; returns the problems found (empty means the config is good). */
    public List<String> run(WatchdogConfig config, PrintStream out) {
        List<String> problems = new ArrayList<>();
        config.store().pathProblem().ifPresent(problem -> problems.add("store.path: " + problem));
        out.println(config.file() + ": " + config.rules().size() + " alerting rule(s) in " + config.groups().size()
                + " group(s)" + (config.ruleFiles().isEmpty() ? "" : ", rule files " + config.ruleFiles()));
        config.notes().forEach(note -> out.println("note: " + note));
        checkExpressions(config, out, problems);
        checkSources(config, out);
        List<String> prompts = PromptLibrary.withOverrides(config.llm().promptsDir()).check();
        problems.addAll(prompts.stream().map(problem -> "prompts: " + problem).toList());
        if (prompts.isEmpty()) {
            out.println("prompts load" + (config.llm().promptsDir().isBlank() ? "" : " (with overrides from "
                    + config.llm().promptsDir() + ")"));
        }
        SlackTokens.problems(config.slack(), config.unsetVariables()).forEach(problem -> out.println("note: " + problem
                + "; needed to run without --dry-run"));
        return problems;
    }

    /**
     * One cheap call per evidence source. Like Prometheus, a source may not be reachable from
     * where the config is edited, so what fails here is a warning, not an error.
     */
    private void checkSources(WatchdogConfig config, PrintStream out) {
        if (!config.logs().sources().isEmpty()) {
            try (LogSources logs = LogSources.from(config.logs(), clock)) {
                report("log", config.logs().sources().size(), logs.checkCredentials(), out);
            }
        }
        if (!config.deployments().sources().isEmpty()) {
            report("deployment", config.deployments().sources().size(),
                    DeploymentSources.from(config.deployments(), clock).checkCredentials(), out);
        }
    }

    private static void report(String kind, int count, List<String> failures, PrintStream out) {
        failures.forEach(failure -> out.println("warning: " + failure));
        if (failures.isEmpty()) {
            out.println(count + " " + kind + " source(s) answered");
        }
    }

    private void checkExpressions(WatchdogConfig config, PrintStream out, List<String> problems) {
        String url = config.prometheus().url();
        for (AlertRule rule : config.rules()) {
            try {
                prometheus.query(rule.query(), clock.instant()); // what polls will send, recording rules substituted
            } catch (PrometheusException failure) {
                if (!failure.isQueryError()) {
                    out.println("note: Prometheus at " + url + " is not reachable (" + failure.getMessage()
                            + "); rule expressions were not checked against it, nor whether their selectors"
                            + " match series");
                    return;
                }
                problems.add(rule.origin() + ": " + rule.name() + ": expr rejected by Prometheus: "
                        + failure.getMessage());
            }
        }
        if (!config.rules().isEmpty()) {
            out.println("Prometheus at " + url + " accepted " + (config.rules().size() - problems.size()) + " of "
                    + config.rules().size() + " rule expression(s)");
            checkSelectors(config, out);
        }
    }

    /** A selector that matches no series is a warning, not a problem: the metric may not exist yet. */
    private void checkSelectors(WatchdogConfig config, PrintStream out) {
        try {
            List<String> warnings = new SelectorCheck(prometheus).warnings(config.rules(), clock.instant());
            warnings.forEach(warning -> out.println("warning: " + warning));
            if (warnings.isEmpty()) {
                out.println("every rule selector matches series in Prometheus");
            }
        } catch (PrometheusException failure) {
            out.println("note: rule selectors were not checked against Prometheus (" + failure.getMessage() + ")");
        }
    }
}
