package dev.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture file per invalid configuration. Each starts with {@code # expect: } lines holding
 * the exact problems, in order, that loading it must report; {@code {dir}} stands for the
 * fixture's directory.
 */
class InvalidConfigTest {

    private static final Path FIXTURES = Path.of("src/test/resources/config/invalid");

    static Stream<Path> fixtures() throws IOException {
        return Files.list(FIXTURES).filter(path -> path.toString().endsWith(".yml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsEveryProblemWithFileLineKeyAndWhatIsAllowed(Path fixture) throws IOException {
        // Leniently decoded: some fixtures are binary after their expectations.
        List<String> expected = new String(Files.readAllBytes(fixture), StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("# expect: "))
                .map(line -> line.substring("# expect: ".length())
                        .replace("{dir}", fixture.toAbsolutePath().getParent().toString()))
                .toList();
        assertThat(expected).as("fixture declares its expected problems").isNotEmpty();

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(fixture))
                .isInstanceOfSatisfying(ConfigException.class, thrown -> assertThat(thrown.problems())
                        .map(problem -> problem.toString().replace(FIXTURES + "/", ""))
                        .containsExactlyElementsOf(expected));
    }
}
