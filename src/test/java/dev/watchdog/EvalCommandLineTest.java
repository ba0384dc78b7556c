package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval} from the command line: options, the table, the exit code against the threshold. */
class EvalCommandLineTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return Launcher.run(List.of(args), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheEvalOptions() throws Exception {
        Cli cli = Cli.parse(List.of("eval", "--cases", "my-cases", "--model-from", "w.yml", "--min-pass-rate", "90"),
                Map.of());

        assertThat(cli.command()).isEqualTo(Cli.Command.EVAL);
        assertThat(cli.eval()).isEqualTo(new Cli.Eval(Path.of("my-cases"), Path.of("w.yml"), 0.9));
        assertThat(Cli.parse(List.of("eval"), Map.of()).eval()).isEqualTo(Cli.Eval.DEFAULT);
        assertThatThrownBy(() -> Cli.parse(List.of("eval", "--min-pass-rate", "120"), Map.of()))
                .hasMessage("--min-pass-rate must be a percentage from 0 to 100, was 120.0");
    }

    @Test
    void printsTheTableAndPassesWhenThePassRateIsMet() throws Exception {
        copyCase("bad-deploy-checkout-npe");

        assertThat(run("eval", "--cases", dir.toString(), "--min-pass-rate", "100")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("### No model (pre-work summary only)")
                .contains("| bad-deploy-checkout-npe | 5xx after a bad deploy | found | 2/2 | none |")
                .contains("1 of 1 passed (100.0%)");
    }

    @Test
    void exitsOneUnderTheThresholdAndTwoForCasesThatCannotBeRead() throws Exception {
        Path broken = copyCase("false-alarm-noise-web");
        Files.writeString(broken.resolve("expected.yml"), "root_cause: [\"a cause nobody could find\"]\n");

        assertThat(run("eval", "--cases", dir.toString(), "--min-pass-rate", "50")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("| missed |");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pass rate 0.0% is under --min-pass-rate 50.0%");

        assertThat(run("eval", "--cases", dir.resolve("nothing-here").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a folder of eval cases");
    }

    private Path copyCase(String name) throws IOException {
        Path from = Path.of("evals", name);
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
