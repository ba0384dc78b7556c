package dev.watchdog.alerting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule-file corpus under {@code src/test/resources/rules/corpus/}: {@code valid/} holds files in the shapes
 * real ones take, {@code invalid/} one-mutation files whose {@code # expect: } lines hold the exact problems.
 * A {@code # prometheus-3-only: why} line marks a file only Prometheus 3 reads as intended.
 */
final class RuleCorpus {

    static final Path VALID = Path.of("src/test/resources/rules/corpus/valid");
    static final Path INVALID = Path.of("src/test/resources/rules/corpus/invalid");
    private static final String EXPECT = "# expect: ";
    private static final String PROMETHEUS_3_ONLY = "# prometheus-3-only: ";

    private RuleCorpus() {
    }

    static List<Path> valid() {
        return files(VALID);
    }

    static List<Path> invalid() {
        return files(INVALID);
    }

    static List<String> expected(Path file) {
        return lines(file).stream().filter(line -> line.startsWith(EXPECT))
                .map(line -> line.substring(EXPECT.length())).toList();
    }

    static boolean prometheus3Only(Path file) {
        return lines(file).stream().anyMatch(line -> line.startsWith(PROMETHEUS_3_ONLY));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
