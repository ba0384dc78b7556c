package dev.watchdog;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line, parsed by picocli: {@code [run|check-config|version|help] [--config FILE]
 * [--dry-run [--json]] [--version] [--help]}, the options before or after the command. The config
 * file comes from --config, else WATCHDOG_CONFIG, else ./watchdog.yml.
 *
 * @param json a dry run prints each Slack call as one JSON line instead of one readable line
 * @param eval the options of {@code eval}; {@link Eval#DEFAULT} for other commands
 */
public record Cli(Command command, Path config, boolean dryRun, boolean json, Eval eval) {

    public Cli(Command command, Path config, boolean dryRun) {
        this(command, config, dryRun, false);
    }

    public Cli(Command command, Path config, boolean dryRun, boolean json) {
        this(command, config, dryRun, json, Eval.DEFAULT);
    }

    public enum Command { RUN, CHECK_CONFIG, VERSION, HELP, EVAL }

    /**
     * @param cases       the folder of eval cases
     * @param modelFrom   a config file whose llm: section names the model to evaluate, or null for none
     * @param minPassRate the pass rate (0 to 1) under which eval exits 1
     */
    public record Eval(Path cases, Path modelFrom, double minPassRate) {
        public static final Eval DEFAULT = new Eval(Path.of("evals"), null, 0);
    }

    private static final Set<String> COMMANDS = Set.of("run", "check-config", "version", "help", "eval");

    /** Thrown for arguments that are not understood; the message says which and what is allowed. */
    public static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    public static Cli parse(List<String> args, Map<String, String> env) throws UsageError {
        ParseResult parsed;
        try {
            parsed = commandLine().parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageError(explain(e));
        }
        Path config = Path.of(env.getOrDefault("WATCHDOG_CONFIG", "watchdog.yml"));
        boolean dryRun = false;
        boolean json = false;
        Command command = Command.RUN;
        boolean help = false;
        boolean version = false;
        Eval eval = Eval.DEFAULT;
        for (CommandLine line : parsed.asCommandLineList()) {
            if (line.getCommand() instanceof EvalCommand options) {
                if (options.minPassRate < 0 || options.minPassRate > 100) {
                    throw new UsageError("--min-pass-rate must be a percentage from 0 to 100, was "
                            + options.minPassRate);
                }
                eval = new Eval(options.cases, options.modelFrom, options.minPassRate / 100);
            }
            WithOptions options = line.getCommand();
            config = options.config != null ? options.config : config;
            dryRun |= options.dryRun;
            json |= options.json;
            help |= options.help;
            version |= options.version;
            command = switch (line.getCommandName()) {
                case "check-config" -> Command.CHECK_CONFIG;
                case "version" -> Command.VERSION;
                case "help" -> Command.HELP;
                case "eval" -> Command.EVAL;
                default -> command;
            };
        }
        // As with most tools, --version and --help win over the command they are given with.
        command = version ? Command.VERSION : help ? Command.HELP : command;
        return new Cli(command, config, dryRun, json, eval);
    }

    /** The help text, generated from the commands and options below. */
    public static String usage() {
        return commandLine().getUsageMessage();
    }

    private static CommandLine commandLine() {
        return new CommandLine(new Main())
                .addSubcommand(new RunCommand())
                .addSubcommand(new CheckConfigCommand())
                .addSubcommand(new VersionCommand())
                .addSubcommand(new HelpCommand())
                .addSubcommand(new EvalCommand());
    }

    /** picocli's messages, in the words this command line always used. */
    private static String explain(ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            if (COMMANDS.contains(argument)) {
                return "give one command, not two: " + argument;
            }
            return "unknown argument \"" + argument + "\" (commands: run, check-config, eval;"
                    + " options: --config FILE, --dry-run, --version, --help)";
        }
        if (e instanceof CommandLine.MissingParameterException missing && missing.getMissing().stream()
                .anyMatch(arg -> arg instanceof OptionSpec option && option.longestName().equals("--config"))) {
            return "--config needs a file name, e.g. --config watchdog.yml";
        }
        return e.getMessage();
    }

    /** The options every command takes, so that they can come before or after it. */
    abstract static class WithOptions {

        @Option(names = {"-c", "--config"}, paramLabel = "FILE",
                description = "the config file (default: $WATCHDOG_CONFIG, else ./watchdog.yml)")
        Path config;

        @Option(names = "--dry-run", description = {"run everything but print the Slack calls, one line each,",
            "instead of sending them; needs no Slack tokens"})
        boolean dryRun;

        @Option(names = "--json", description = "with --dry-run: print each Slack call as one JSON line, blocks included")
        boolean json;

        @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
        boolean version;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;
    }

    @CommandLine.Command(name = "java -jar watchdog.jar", synopsisSubcommandLabel = "[COMMAND]", usageHelpWidth = 100,
            description = "Alerts from Prometheus rules to Slack, investigated by an LLM agent.")
    static final class Main extends WithOptions {
    }

    @CommandLine.Command(name = "run", description = "connect to Slack and Prometheus and start alerting (the default)")
    static final class RunCommand extends WithOptions {
    }

    @CommandLine.Command(name = "check-config",
            description = "validate the config, rule files and rule expressions, then exit (0 ok, 2 problems)")
    static final class CheckConfigCommand extends WithOptions {
    }

    @CommandLine.Command(name = "version", description = "print the version and exit")
    static final class VersionCommand extends WithOptions {
    }

    @CommandLine.Command(name = "help", description = "show this help and exit")
    static final class HelpCommand extends WithOptions {
    }

    @CommandLine.Command(name = "eval", description = {"score the investigator on recorded cases and print a table",
        "(exit 1 when the pass rate is under --min-pass-rate)"})
    static final class EvalCommand extends WithOptions {

        @Option(names = "--cases", paramLabel = "DIR", description = "the folder of cases (default: evals)")
        Path cases = Path.of("evals");

        @Option(names = "--model-from", paramLabel = "FILE",
                description = "evaluate the model of this config file's llm: section (default: no model)")
        Path modelFrom;

        @Option(names = "--min-pass-rate", paramLabel = "PERCENT", description = "fail under this pass rate (default 0)")
        double minPassRate;
    }
}
