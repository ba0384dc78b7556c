package dev.watchdog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the parser refuses to load, in plain words (the other cases are fixtures in config/invalid). */
class ConfigDocumentTest {

    @TempDir
    Path dir;

    private final List<ConfigProblem> problems = new ArrayList<>();

    @Test
    void aDocumentOverTheSizeLimitIsRefusedBeforeItIsBuilt() throws IOException {
        Path huge = dir.resolve("huge.yml");
        String item = "- " + "x".repeat(1022) + "\n";
        Files.writeString(huge, item.repeat(ConfigDocument.MAX_CODE_POINTS / item.length() + 1));

        assertThat(parse(huge)).isFalse();

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly("huge.yml: too large or too deeply"
                + " nested to load (The incoming YAML document exceeds the limit: 33554432 code points.; limits: 20"
                + " aliases of lists or mappings, 50 levels, 32 MB)");
    }

    @Test
    void aMissingFileIsNamedWithItsAbsolutePath() {
        assertThat(parse(dir.resolve("gone.yml"))).isFalse();

        assertThat(problems).extracting(ConfigProblem::toString)
                .containsExactly("gone.yml: no such file: " + dir.resolve("gone.yml").toAbsolutePath());
    }

    @Test
    void aDirectoryIsNotAConfigFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("rules.yml"));

        assertThat(parse(folder)).isFalse();

        assertThat(problems).extracting(ConfigProblem::toString)
                .containsExactly("rules.yml: cannot read " + folder.toAbsolutePath() + ": Is a directory");
    }

    private boolean parse(Path file) {
        ConfigDocument document = new ConfigDocument(file.getFileName().toString(), problems, Map.of(),
                new HashMap<>());
        return document.parse(file, true).isPresent();
    }
}
