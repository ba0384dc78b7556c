package dev.watchdog.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

    private static final String CORPUS = "/redaction/corpus.txt";
    private static final Pattern MARKER = Pattern.compile("\\[REDACTED:([a-z0-9-]+)]");

    private final Redactor redactor = Redactor.standard();

    @ParameterizedTest(name = "corpus line {0}: {1}")
    @MethodSource("corpus")
    void redactsCorpusLine(int lineNumber, String input, String expected) {
        assertThat(redactor.redact(input)).isEqualTo(expected);
    }

    static Stream<Arguments> corpus() throws IOException {
        try (InputStream in = RedactorTest.class.getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IllegalStateException(CORPUS + " is missing from the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parseCorpus(reader.lines().toList()).stream();
        }
    }

    /** Turns "in:"/"out:" pairs and "same:" lines into (line number, input, expected) cases. */
    static List<Arguments> parseCorpus(List<String> lines) {
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("same: ")) {
                String text = line.substring("same: ".length());
                cases.add(Arguments.of(lineNumber, text, text));
            } else if (line.startsWith("in: ")) {
                String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
                if (!next.startsWith("out: ")) {
                    throw new IllegalArgumentException("corpus line " + lineNumber + ": 'in:' not followed by 'out:'");
                }
                cases.add(Arguments.of(lineNumber, line.substring("in: ".length()), next.substring("out: ".length())));
                i++;
            } else {
                throw new IllegalArgumentException("corpus line " + lineNumber + ": unknown line: " + line);
            }
        }
        return cases;
    }

    @Test
    void corpusParserRejectsAnInputWithoutExpectedOutput() {
        assertThatThrownBy(() -> parseCorpus(List.of("in: password=x", "same: y")))
                .hasMessageContaining("line 1");
    }

    @Test
    void corpusCoversSixtyKindsOfSecretAndThirtyTextsThatStay() throws IOException {
        List<Arguments> cases = corpus().toList();
        long unchanged = cases.stream().filter(c -> c.get()[1].equals(c.get()[2])).count();
        Set<String> kinds = new TreeSet<>();
        cases.forEach(c -> MARKER.matcher((String) c.get()[2]).results().forEach(m -> kinds.add(m.group(1))));

        assertThat(unchanged).isGreaterThanOrEqualTo(30);
        assertThat(cases.size() - unchanged).isGreaterThanOrEqualTo(60);
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(60);
    }

    /** Text goes through the redactor more than once (a log line quoted to the model, then posted). */
    @ParameterizedTest(name = "corpus line {0}")
    @MethodSource("corpus")
    void redactingAgainChangesNothing(int lineNumber, String input, String expected) {
        assertThat(redactor.redact(expected)).isEqualTo(expected);
    }

    /** Each thread reuses its own matchers: threads redacting at once must not see each other's text. */
    @Test
    void redactsTheSameFromManyThreadsAtOnce() throws Exception {
        List<Arguments> cases = corpus().toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<String>>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(() -> cases.stream().map(c -> redactor.redact((String) c.get()[1])).toList());
            }
            List<String> expected = cases.stream().map(c -> (String) c.get()[2]).toList();
            for (Future<List<String>> result : threads.invokeAll(work)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomLooking")
    void tellsGeneratedValuesFromWrittenOnes(String value, boolean random) {
        assertThat(KeyValuePairs.looksRandom(value)).isEqualTo(random);
    }

    static Stream<Arguments> randomLooking() {
        return Stream.of(
                Arguments.of("f3b9c1d27a4e8f60b5c2d9e1a7f4b3c8", true),
                Arguments.of("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==", true),
                Arguments.of("q1w9e8r7t6y5u4i3o2p1", true),
                Arguments.of("s%3AJ8sKx2Lq9-Pz4Rt7Yw1Vb6Nm3.Hk5", true),
                Arguments.of("550e8400-e29b-41d4-a716-446655440000", false),
                Arguments.of("checkout-service-v2", false),
                Arguments.of("userProfileCacheV2Key", false),
                Arguments.of("my-release-2024-v1.2.3", false),
                Arguments.of("user:42:profile:settings", false),
                Arguments.of("AbCdEfGhIjKlMnOpQrSt", false),
                Arguments.of("short1a2b3c", false),
                Arguments.of("a1".repeat(KeyValuePairs.MAX_RANDOM_VALUE), false));
    }

    @Test
    void redactsMultiLinePemBlockAndKeepsSurroundingLines() {
        String text = """
                loaded config
                -----BEGIN EC PRIVATE KEY-----
                MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oLNnzOyM1QEkoAoGCCqGSM49
                AwEHoUQDQgAE5X4Qk0q4nA==
                -----END EC PRIVATE KEY-----
                next line
                """;

        assertThat(redactor.redact(text)).isEqualTo("""
                loaded config
                [REDACTED:private-key]
                next line
                """);
    }

    @Test
    void redactsPemBlockEscapedInsideJson() {
        String json = "{\"key\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n\"}";

        assertThat(redactor.redact(json)).isEqualTo("{\"key\":\"[REDACTED:private-key]\\n\"}");
    }

    @Test
    void masksConfiguredLiteralsOfAnyShape() {
        Redactor withConfig = redactor.alsoMasking(List.of("plain-words-as-secret", "p4$$w0rd\\1"));

        assertThat(withConfig.redact("using plain-words-as-secret and p4$$w0rd\\1 here"))
                .isEqualTo("using [REDACTED:configured-secret] and [REDACTED:configured-secret] here");
        assertThat(redactor.redact("using plain-words-as-secret")).isEqualTo("using plain-words-as-secret");
    }

    @Test
    void masksTheLongerConfiguredLiteralWhenOneContainsAnother() {
        Redactor withConfig = redactor.alsoMasking(List.of("abcd", "abcdefgh"));

        assertThat(withConfig.redact("x abcdefgh y")).isEqualTo("x [REDACTED:configured-secret] y");
    }

    @Test
    void configuredLiteralsAccumulateAndStillApplyStandardRules() {
        Redactor withConfig = redactor.alsoMasking(List.of("first-secret")).alsoMasking(List.of("second-secret"));

        assertThat(withConfig.redact("first-secret second-secret password=hunter2"))
                .isEqualTo("[REDACTED:configured-secret] [REDACTED:configured-secret] password=[REDACTED:password]");
    }

    @Test
    void ignoresNullBlankAndVeryShortConfiguredValues() {
        Redactor withConfig = redactor.alsoMasking(Arrays.asList(null, "", "   ", "abc"));

        assertThat(withConfig).isSameAs(redactor);
        assertThat(withConfig.redact("abc")).isEqualTo("abc");
    }

    @Test
    void configuredLiteralKeepsTheKeyReadable() {
        Redactor withConfig = redactor.alsoMasking(List.of("hunter2hunter2"));

        assertThat(withConfig.redact("password=hunter2hunter2"))
                .isEqualTo("password=[REDACTED:configured-secret]");
    }

    @Test
    void nullAndEmptyTextPassThrough() {
        assertThat(redactor.redact(null)).isNull();
        assertThat(redactor.redact("")).isEmpty();
    }

    @Test
    void replacementTextIsNotInterpretedAsGroupReference() {
        assertThat(redactor.redact("password=$1\\0")).isEqualTo("password=[REDACTED:password]");
    }

    /**
     * Guards against catastrophic backtracking: each input is 256 KiB shaped to make a naive
     * pattern retry from every position. Linear scans finish in milliseconds; a quadratic one would
     * run for hours, so the generous limit only catches a hang and says nothing about speed.
     */
    @Test
    void redactsLargeAdversarialInputsWithoutHanging() {
        int size = 1 << 18;
        List<String> inputs = List.of(
                "a".repeat(size),
                "eyJ".repeat(size / 3),
                "password:\"x\n".repeat(size / 12),
                "://a:".repeat(size / 5),
                "://a:b".repeat(size / 6),
                "sk-".repeat(size / 3),
                "xoxb-".repeat(size / 5),
                "Authorization: ".repeat(size / 15),
                "-----BEGIN PRIVATE KEY-----".repeat(size / 27),
                "token=\"".repeat(size / 7),
                "bearer ".repeat(size / 7),
                "key=".repeat(size / 4),
                "key=a1B2".repeat(size / 8),
                "session_id=\"".repeat(size / 12),
                "sig='".repeat(size / 5),
                "Cookie: a=b;".repeat(size / 12),
                "cookie:".repeat(size / 7),
                "-us".repeat(size / 3),
                "0123456789abcdef".repeat(size / 16) + "-us1",
                "8Q~".repeat(size / 3),
                "NRAL".repeat(size / 4),
                ":AA".repeat(size / 3),
                "1".repeat(size) + ":AA",
                "machine ".repeat(size / 8),
                "AKIAIOSFODNN7EXAMPLE ".repeat(size / 21),
                "\"auth\":\"".repeat(size / 9),
                "https://u:p".repeat(size / 11) + "@",
                "[REDACTED:".repeat(size / 10));
        Redactor withConfig = redactor.alsoMasking(List.of("aaaaaaaaaaaaaaaab", "secret-value"));

        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (String input : inputs) {
                assertThat(withConfig.redact(input)).isNotNull();
            }
        });
    }
}
