package dev.watchdog;

import dev.watchdog.agent.LlmSettings;
import dev.watchdog.agent.eval.EvalCommand;
import dev.watchdog.config.ConfigException;
import dev.watchdog.db.StoreException;
import dev.watchdog.ops.BuildVersion;
import dev.watchdog.ops.LogSetup;
import dev.watchdog.prometheus.PrometheusClient;
import dev.watchdog.slack.SlackTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** Runs what the command line asks for and turns every outcome into an exit code and plain words. */
final class Launcher {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    private Launcher() {
    }

    /** For {@code run} it returns only when the process is asked to stop. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Cli cli;
        try {
            cli = Cli.parse(args, env);
        } catch (Cli.UsageError usage) {
            err.println("watchdog: " + usage.getMessage());
            err.print(Cli.usage());
            return BAD_INPUT;
        }
        switch (cli.command()) {
            case VERSION -> {
                out.println("watchdog " + BuildVersion.current().describe());
                return OK;
            }
            case HELP -> {
                out.print(Cli.usage());
                return OK;
            }
            case EVAL -> {
                return eval(cli.eval(), env, out, err);
            }
            default -> {
                // load the config below
            }
        }
        WatchdogConfig config;
        try {
            config = new ConfigLoader(env).load(cli.config());
        } catch (ConfigException invalid) {
            err.println("watchdog: " + cli.config() + " has " + invalid.problems().size() + " problem(s):");
            invalid.problems().forEach(problem -> err.println("  " + problem));
            return BAD_INPUT;
        }
        LogSetup.maskConfiguredSecrets(config.secrets());
        if (cli.command() == Cli.Command.CHECK_CONFIG) {
            return checkConfig(config, out, err);
        }
        Optional<String> storeProblem = cli.dryRun() ? Optional.empty() : config.store().pathProblem();
        if (storeProblem.isPresent()) {
            err.println("watchdog: cannot open the store: store.path: " + storeProblem.get());
            return BAD_INPUT;
        }
        List<String> tokenProblems = cli.dryRun() ? List.of()
                : SlackTokens.problems(config.slack(), config.unsetVariables());
        if (!tokenProblems.isEmpty()) {
            err.println("watchdog: cannot connect to Slack:");
            tokenProblems.forEach(problem -> err.println("  " + problem));
            err.println("Create the Slack app from manifest.yml (README, \"Create the Slack app\") and set the"
                    + " tokens, or try Watchdog without Slack: --dry-run");
            return BAD_INPUT;
        }
        return runUntilStopped(config, cli, out, err);
    }

    /** {@code eval}: no config is needed unless a model is to be evaluated. */
    private static int eval(Cli.Eval options, Map<String, String> env, PrintStream out, PrintStream err) {
        LlmSettings model = null;
        if (options.modelFrom() != null) {
            try {
                model = new ConfigLoader(env).load(options.modelFrom()).llm();
            } catch (ConfigException invalid) {
                err.println("watchdog: " + options.modelFrom() + " has " + invalid.problems().size() + " problem(s):");
                invalid.problems().forEach(problem -> err.println("  " + problem));
                return BAD_INPUT;
            }
        }
        return EvalCommand.run(options.cases(), model, options.minPassRate(), out, err);
    }

    private static int checkConfig(WatchdogConfig config, PrintStream out, PrintStream err) {
        PrometheusClient prometheus = PrometheusClient.from(config.prometheus());
        List<String> problems = new ConfigCheck(prometheus, Clock.systemUTC()).run(config, out);
        problems.forEach(problem -> err.println("  " + problem));
        out.println(problems.isEmpty() ? "config OK" : "config has " + problems.size() + " problem(s)");
        return problems.isEmpty() ? OK : BAD_INPUT;
    }

    private static int runUntilStopped(WatchdogConfig config, Cli cli, PrintStream out, PrintStream err) {
        try (Watchdog watchdog = Watchdog.start(config, cli.dryRun(), cli.json(), out, Clock.systemUTC())) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                watchdog.close();
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
            return OK;
        } catch (IOException failure) {
            err.println("watchdog: " + failure.getMessage());
            return FAILED;
        } catch (StoreException failure) {
            err.println("watchdog: " + failure.getMessage()
                    + (failure.getCause() == null ? "" : ": " + failure.getCause().getMessage()));
            return FAILED;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return OK;
        }
    }
}
