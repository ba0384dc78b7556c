package dev.watchdog.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.ConfigLoader;
import dev.watchdog.WatchdogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every README example marked {@code <!-- check-config: README example -->} loads as check-config loads it. */
class ReadmeExamplesTest {

    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- check-config: README example -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    static Stream<String> examples() throws IOException {
        Matcher matcher = EXAMPLE.matcher(Files.readString(Path.of("README.md")));
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found.stream();
    }

    @Test
    void theReadmeHasExamplesForObjectivesReportsAndAnomalyRules() throws IOException {
        assertThat(examples().toList()).hasSizeGreaterThanOrEqualTo(3)
                .anySatisfy(example -> assertThat(example).contains("anomaly:", "seasonality:"))
                .anySatisfy(example -> assertThat(example).contains("slos:", "latency:", "error-ratio:"))
                .anySatisfy(example -> assertThat(example).contains("reports:", "schedule:"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anExampleLoads(String example) throws Exception {
        Path file = dir.resolve("watchdog.yml");
        Files.writeString(file, example);

        WatchdogConfig config = new ConfigLoader(Map.of()).load(file);

        assertThat(config.reports().slos().size() + config.rules().size()).as("objectives or rules").isPositive();
    }
}
