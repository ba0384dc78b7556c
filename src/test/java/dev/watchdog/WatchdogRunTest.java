package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.ops.BuildVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers and exit codes, for everything that returns without starting Watchdog. */
class WatchdogRunTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void versionPrintsTheVersion() {
        assertThat(run("version")).isEqualTo(Launcher.OK);
        assertThat(text(out)).isEqualTo("watchdog " + BuildVersion.current().describe() + "\n");
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run("--help")).isEqualTo(Launcher.OK);
        assertThat(text(out)).startsWith("Usage: java -jar watchdog.jar").contains("check-config");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void anUnknownArgumentIsBadInputWithTheUsage() {
        assertThat(run("--dryrun")).isEqualTo(Launcher.BAD_INPUT);
        assertThat(text(err)).startsWith("watchdog: unknown argument \"--dryrun\"").contains("Usage:");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void aMissingConfigFileIsBadInput(@TempDir Path dir) {
        assertThat(run("check-config", "--config", dir.resolve("missing.yml").toString()))
                .isEqualTo(Launcher.BAD_INPUT);
        assertThat(text(err)).isEqualTo("watchdog: " + dir.resolve("missing.yml") + " has 1 problem(s):\n"
                + "  " + dir.resolve("missing.yml") + ": no such file: " + dir.resolve("missing.yml").toAbsolutePath()
                + "; start from the watchdog.yml Watchdog ships with (README, \"Configuration\") or name your file"
                + " with --config FILE or WATCHDOG_CONFIG\n");
    }

    @Test
    void aMissingDefaultConfigFileIsNamedWithItsAbsolutePath() {
        assertThat(Watchdog.run(List.of("check-config"), Map.of("WATCHDOG_CONFIG", "no-such-dir/watchdog.yml"),
                print(out), print(err))).isEqualTo(Launcher.BAD_INPUT);
        assertThat(text(err)).contains(": no such file: " + Path.of("no-such-dir/watchdog.yml").toAbsolutePath() + ";");
    }

    @Test
    void anAliasBombIsBadInputInPlainWordsWithoutAStackTrace() {
        assertThat(run("check-config", "--config", "src/test/resources/config/invalid/alias-bomb.yml"))
                .isEqualTo(Launcher.BAD_INPUT);
        assertThat(text(err)).contains("alias-bomb.yml: too large or too deeply nested to load")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    private int run(String... args) {
        return Watchdog.run(List.of(args), Map.of(), print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
