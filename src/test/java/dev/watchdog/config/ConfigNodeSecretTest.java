package dev.watchdog.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.security.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets and headers read from config: kept as {@link Secret}s, problems said without their values. */
class ConfigNodeSecretTest {

    @TempDir
    Path dir;

    private final List<ConfigProblem> problems = new ArrayList<>();

    @Test
    void aSecretLosesTheWhitespaceAroundItAndAnUnsetVariableMeansUnset() throws IOException {
        ConfigNode node = parse("token: ${TOKEN}\nkey: ${KEY:-}\n", Map.of("TOKEN", " tok-123\n"));

        assertThat(node.secret("token").reveal()).isEqualTo("tok-123");
        assertThat(node.secret("token")).hasToString("***");
        assertThat(node.secret("key")).isEqualTo(Secret.NONE);
        assertThat(node.secret("missing")).isEqualTo(Secret.NONE);
    }

    @Test
    void headersThatCannotBeSentAreReportedWithoutTheirValues() throws IOException {
        ConfigNode node = parse("""
                headers:
                  X-Api-Key: key-123
                  Bad Header: key-456
                  X-Multi: "two\\nlines"
                  X-Refused: key-789
                """, Map.of());

        Map<String, Secret> headers = ConfigHeaders.bind(node, "headers",
                (name, value) -> name.equals("X-Refused") ? Optional.of("is refused") : Optional.empty());

        assertThat(headers).containsExactly(Map.entry("X-Api-Key", Secret.of("key-123")));
        assertThat(ConfigHeaders.revealed(headers)).containsExactly(Map.entry("X-Api-Key", "key-123"));
        assertThat(problems).map(ConfigProblem::toString).containsExactly(
                "test.yml:3: headers.Bad Header: is not a valid header name (letters, digits and !#$%&'*+.^_`|~-)",
                "test.yml:4: headers.X-Multi: the value must be printable ASCII on one line",
                "test.yml:5: headers.X-Refused: is refused");
    }

    private ConfigNode parse(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("test.yml");
        Files.writeString(file, yaml);
        return new ConfigDocument("test.yml", problems, env, new LinkedHashMap<>()).parse(file, true).orElseThrow();
    }
}
