package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store path that cannot be created or written is found by {@code check-config} and before a
 * real start, each an exit 2 with the problem in plain words. One fixture per case; its
 * {@code # expect: } line is the problem, {@code {dir}} the fixture's directory.
 */
class UnusableStoreTest {

    private static final Path FIXTURES = Path.of("src/test/resources/config/unusable-store");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static Stream<Path> fixtures() throws IOException {
        return Files.list(FIXTURES).filter(path -> path.toString().endsWith(".yml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void checkConfigReportsIt(Path fixture) throws IOException {
        assertThat(run("check-config", fixture)).isEqualTo(Launcher.BAD_INPUT);

        assertThat(text(err)).isEqualTo("  " + expected(fixture) + "\n");
        assertThat(text(out)).endsWith("config has 1 problem(s)\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void startingRefusesBeforeConnectingToSlack(Path fixture) throws IOException {
        assertThat(run("run", fixture)).isEqualTo(Launcher.BAD_INPUT);

        assertThat(text(err)).isEqualTo("watchdog: cannot open the store: " + expected(fixture) + "\n");
    }

    private static String expected(Path fixture) throws IOException {
        return Files.readAllLines(fixture).stream().filter(line -> line.startsWith("# expect: "))
                .map(line -> line.substring("# expect: ".length())
                        .replace("{dir}", fixture.toAbsolutePath().getParent().toString()))
                .findFirst().orElseThrow();
    }

    private int run(String command, Path fixture) {
        return Watchdog.run(List.of(command, "--config", fixture.toString()), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
