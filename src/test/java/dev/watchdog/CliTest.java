package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest {

    @Test
    void runsWithTheDefaultConfigWhenGivenNothing() throws Exception {
        assertThat(Cli.parse(List.of(), Map.of())).isEqualTo(new Cli(Cli.Command.RUN, Path.of("watchdog.yml"), false));
    }

    @Test
    void configComesFromTheFlagBeforeTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("WATCHDOG_CONFIG", "/etc/watchdog/from-env.yml");

        assertThat(Cli.parse(List.of(), env).config()).isEqualTo(Path.of("/etc/watchdog/from-env.yml"));
        assertThat(Cli.parse(List.of("--config", "mine.yml"), env).config()).isEqualTo(Path.of("mine.yml"));
        assertThat(Cli.parse(List.of("--config=other.yml"), env).config()).isEqualTo(Path.of("other.yml"));
    }

    @Test
    void parsesCheckConfigDryRunAndVersion() throws Exception {
        assertThat(Cli.parse(List.of("check-config", "--config", "a.yml"), Map.of()))
                .isEqualTo(new Cli(Cli.Command.CHECK_CONFIG, Path.of("a.yml"), false));
        assertThat(Cli.parse(List.of("--dry-run"), Map.of()).dryRun()).isTrue();
        assertThat(Cli.parse(List.of("--dry-run"), Map.of()).json()).isFalse();
        assertThat(Cli.parse(List.of("--dry-run", "--json"), Map.of()))
                .isEqualTo(new Cli(Cli.Command.RUN, Path.of("watchdog.yml"), true, true));
        assertThat(Cli.parse(List.of("run", "--version"), Map.of()).command()).isEqualTo(Cli.Command.VERSION);
    }

    @Test
    void unknownArgumentsAreRejectedWithWhatIsAllowed() {
        assertThatThrownBy(() -> Cli.parse(List.of("--dryrun"), Map.of()))
                .hasMessage("unknown argument \"--dryrun\" (commands: run, check-config, eval;"
                        + " options: --config FILE, --dry-run, --version, --help)");
        assertThatThrownBy(() -> Cli.parse(List.of("--config"), Map.of()))
                .hasMessage("--config needs a file name, e.g. --config watchdog.yml");
        assertThatThrownBy(() -> Cli.parse(List.of("run", "check-config"), Map.of()))
                .hasMessage("give one command, not two: check-config");
    }

    @Test
    void helpAndVersionAreCommandsToo() throws Exception {
        assertThat(Cli.parse(List.of("help"), Map.of()).command()).isEqualTo(Cli.Command.HELP);
        assertThat(Cli.parse(List.of("version"), Map.of()).command()).isEqualTo(Cli.Command.VERSION);
        assertThat(Cli.parse(List.of("-V"), Map.of()).command()).isEqualTo(Cli.Command.VERSION);
    }

    @Test
    void everyCommandTakesTheOptionsBeforeOrAfterIt() throws Exception {
        assertThat(Cli.parse(List.of("--config", "a.yml", "check-config", "--dry-run"), Map.of()))
                .isEqualTo(new Cli(Cli.Command.CHECK_CONFIG, Path.of("a.yml"), true));
        assertThat(Cli.parse(List.of("run", "-c", "b.yml", "--dry-run"), Map.of()))
                .isEqualTo(new Cli(Cli.Command.RUN, Path.of("b.yml"), true));
        assertThat(Cli.parse(List.of("check-config", "--help"), Map.of()).command()).isEqualTo(Cli.Command.HELP);
    }

    @Test
    void anOptionIsNotTakenForTheConfigFile() {
        assertThatThrownBy(() -> Cli.parse(List.of("--config", "--dry-run"), Map.of()))
                .hasMessage("--config needs a file name, e.g. --config watchdog.yml");
    }

    @Test
    void theUsageListsEveryCommandAndOption() {
        assertThat(Cli.usage()).contains("Usage: java -jar watchdog.jar", "run ", "check-config ", "version ",
                "help ", "--config=FILE", "--dry-run", "--version", "--help");
    }
}
