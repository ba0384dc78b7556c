package dev.watchdog;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code [run|check-config] [--config FILE] [--dry-run] [--version] [--help]}.
 * The config file comes from --config, else WATCHDOG_CONFIG, else ./watchdog.yml.
 */
record Cli(Command command, Path config, boolean dryRun) {

    enum Command { RUN, CHECK_CONFIG, VERSION, HELP }

    static final String USAGE = """
            Usage: java -jar watchdog.jar [run|check-config] [--config FILE] [--dry-run]
                   java -jar watchdog.jar --version | --help

              run            connect to Slack and Prometheus and start alerting (the default)
              check-config   validate the config, rule files and rule expressions, then exit (0 ok, 2 problems)
              --config FILE  the config file (default: $WATCHDOG_CONFIG, else ./watchdog.yml)
              --dry-run      run everything but print the Slack calls as JSON lines instead of sending them;
                             needs no Slack tokens
            """;

    /** Thrown for arguments that are not understood; the message says which and what is allowed. */
    static final class UsageError extends Exception {
        UsageError(String message) {
            super(message);
        }
    }

    static Cli parse(List<String> args, Map<String, String> env) throws UsageError {
        Command command = Command.RUN;
        boolean commandGiven = false;
        String config = env.getOrDefault("WATCHDOG_CONFIG", "watchdog.yml");
        boolean dryRun = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--version", "-V" -> command = Command.VERSION;
                case "--help", "-h" -> command = Command.HELP;
                case "--dry-run" -> dryRun = true;
                case "--config", "-c" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
                        throw new UsageError("--config needs a file name, e.g. --config watchdog.yml");
                    }
                    config = args.get(++i);
                }
                case "run", "check-config" -> {
                    if (commandGiven) {
                        throw new UsageError("give one command, not two: " + arg);
                    }
                    commandGiven = true;
                    if (command == Command.RUN) {
                        command = arg.equals("run") ? Command.RUN : Command.CHECK_CONFIG;
                    }
                }
                default -> {
                    if (arg.startsWith("--config=")) {
                        config = arg.substring("--config=".length());
                    } else {
                        throw new UsageError("unknown argument \"" + arg + "\" (commands: run, check-config;"
                                + " options: --config FILE, --dry-run, --version, --help)");
                    }
                }
            }
        }
        return new Cli(command, Path.of(config), dryRun);
    }
}
