package dev.watchdog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.security.Redactor;
import dev.watchdog.security.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.watchdog.logs.LogSearchResult.ErrorTypeCount;
import dev.watchdog.logs.LogSearchResult.LogLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSourcesTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final LogQuery OPEN_QUERY = new LogQuery("timeout", Duration.ofMinutes(15), null, null);

    @Test
    void everySourceIsAskedForTheSameWindowAndTheResultsAddUp() {
        FakeLogSource files = new FakeLogSource("files", query -> result(query, 3, Map.of(LogLevel.ERROR, 3L),
                List.of(new ErrorTypeCount("java.net.SocketTimeoutException", 3)),
                List.of(line("10:29:00", "files", "newest"), line("10:20:00", "files", "older"))));
        FakeLogSource loki = new FakeLogSource("loki", query -> result(query, 2, Map.of(LogLevel.ERROR, 1L, LogLevel.WARN, 1L),
                List.of(new ErrorTypeCount("java.net.SocketTimeoutException", 1), new ErrorTypeCount("pool exhausted", 1)),
                List.of(line("10:25:00", "loki", "middle"))));

        LogSearchResult result;
        try (LogSources sources = new LogSources(List.of(files, loki), Duration.ofSeconds(5), CLOCK, Redactor.standard())) {
            result = sources.search(OPEN_QUERY);
        }

        LogQuery bounded = OPEN_QUERY.endingAtIfOpen(NOW);
        assertThat(files.queries).containsExactly(bounded);
        assertThat(loki.queries).containsExactly(bounded);
        assertThat(result.query()).isEqualTo(bounded);
        assertThat(result.totalMatches()).isEqualTo(5);
        assertThat(result.countsByLevel()).containsExactly(Map.entry(LogLevel.ERROR, 4L), Map.entry(LogLevel.WARN, 1L));
        assertThat(result.topErrorTypes()).containsExactly(new ErrorTypeCount("java.net.SocketTimeoutException", 4),
                new ErrorTypeCount("pool exhausted", 1));
        assertThat(result.samples()).extracting(LogLine::text).containsExactly("newest", "middle", "older");
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void sourcesAreSearchedInParallel() {
        // Each source waits for the other: searched one after the other, both would time out.
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        FakeLogSource a = new FakeLogSource("a", query -> awaitBarrier(bothRunning, query));
        FakeLogSource b = new FakeLogSource("b", query -> awaitBarrier(bothRunning, query));

        try (LogSources sources = new LogSources(List.of(a, b), Duration.ofSeconds(10), CLOCK, Redactor.standard())) {
            assertThat(sources.search(OPEN_QUERY).failures()).isEmpty();
        }
    }

    @Test
    void aFailingSourceIsALineNotAnError() {
        FakeLogSource good = new FakeLogSource("good", query -> result(query, 1, Map.of(LogLevel.ERROR, 1L), List.of(),
                List.of(line("10:29:00", "good", "found"))));
        FakeLogSource broken = new FakeLogSource("broken", query -> {
            throw new IllegalStateException("boom");
        });
        FakeLogSource refusing = new FakeLogSource("loki", query -> LogSearchResult.failed(query,
                "loki at http://loki:3100: HTTP 401 for query '{app=\"x\"}': no org id"));

        LogSearchResult result;
        try (LogSources sources = new LogSources(List.of(good, broken, refusing), Duration.ofSeconds(5), CLOCK,
                Redactor.standard())) {
            result = sources.search(OPEN_QUERY);
        }

        assertThat(result.totalMatches()).isEqualTo(1);
        assertThat(result.failures()).containsExactly(
                "broken (fake): the search failed: IllegalStateException: boom",
                "loki at http://loki:3100: HTTP 401 for query '{app=\"x\"}': no org id");
        assertThat(result.render()).contains("Matches: at least 1 (ERROR 1)");
    }

    @Test
    void aSourcePastTheTimeoutIsLeftOutAndInterrupted() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        FakeLogSource hanging = new FakeLogSource("hanging", query -> {
            try {
                new CountDownLatch(1).await(); // never counted down: only an interrupt ends this
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return LogSearchResult.empty(query);
        });
        FakeLogSource quick = new FakeLogSource("quick", query -> result(query, 1, Map.of(LogLevel.INFO, 1L), List.of(),
                List.of(line("10:29:00", "quick", "fast answer"))));

        LogSearchResult result;
        try (LogSources sources = new LogSources(List.of(hanging, quick), Duration.ofMillis(100), CLOCK,
                Redactor.standard())) {
            result = sources.search(OPEN_QUERY);
        }

        assertThat(result.failures()).containsExactly(
                "hanging (fake): no result within 100ms (logs.timeout); left out of this search");
        assertThat(result.samples()).extracting(LogLine::text).containsExactly("fast answer");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the hanging search was interrupted").isTrue();
    }

    @Test
    void aRegexThatWouldBacktrackForeverInJavaIsAnsweredByRe2(@TempDir Path dir) throws IOException {
        // (.*a){12}x against forty a's is about 40^12 steps for a backtracking engine; RE2 is linear.
        Files.writeString(dir.resolve("app.log"), "2024-01-15T10:25:00Z ERROR " + "a".repeat(40) + "\n"
                + "2024-01-15T10:26:00Z ERROR " + "a".repeat(40) + "x\n");
        FileLogSource files = new FileLogSource("app-files", List.of(dir + "/app.log"), "text", 1000, 1 << 20, CLOCK);

        LogSearchResult result;
        try (LogSources sources = new LogSources(List.of(files), Duration.ofSeconds(30), CLOCK, Redactor.standard())) {
            result = sources.search(new LogQuery("/(.*a){12}x/", Duration.ofMinutes(15), null, null));
        }

        assertThat(result.failures()).isEmpty();
        assertThat(result.samples()).extracting(LogLine::text).containsExactly("2024-01-15T10:26:00Z ERROR " + "a".repeat(40) + "x");
    }

    @Test
    void configuredSecretsAreMaskedInEverythingReturned() {
        FakeLogSource leaky = new FakeLogSource("leaky", query -> new LogSearchResult(query, 1, Map.of(LogLevel.ERROR, 1L),
                List.of(new ErrorTypeCount("login failed with pw Zx9-very-own-secret", 1)),
                List.of(line("10:29:00", "leaky", "connecting with Zx9-very-own-secret")), 0, 0,
                List.of("limit note Zx9-very-own-secret"), List.of("failure Zx9-very-own-secret")));

        LogSearchResult result;
        try (LogSources sources = new LogSources(List.of(leaky), Duration.ofSeconds(5), CLOCK,
                Redactor.standard().alsoMasking(List.of("Zx9-very-own-secret")))) {
            result = sources.search(OPEN_QUERY);
        }

        assertThat(result.render()).doesNotContain("Zx9-very-own-secret").contains("[REDACTED:configured-secret]");
        assertThat(result.samples().get(0).text()).isEqualTo("connecting with [REDACTED:configured-secret]");
    }

    @Test
    void oneSourceCanBeChosenByName() {
        FakeLogSource files = new FakeLogSource("app-files", LogSearchResult::empty);
        FakeLogSource loki = new FakeLogSource("loki", LogSearchResult::empty);

        try (LogSources sources = new LogSources(List.of(files, loki), Duration.ofSeconds(5), CLOCK, Redactor.standard())) {
            assertThat(sources.search(OPEN_QUERY, "loki", null).failures()).isEmpty();
            assertThat(sources.search(OPEN_QUERY, "splunk", null).failures())
                    .containsExactly("there is no log source named \"splunk\" (configured: app-files, loki)");
            assertThat(sources.search(OPEN_QUERY, "loki", "app.log").failures())
                    .containsExactly("a file can only be searched in a file source (file sources: none)");
        }
        assertThat(files.queries).isEmpty();
        assertThat(loki.queries).hasSize(1);
    }

    @Test
    void aFileIsSearchedOnlyInFileSources(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("app.log"), "2024-01-15T10:25:00Z ERROR timeout in app.log\n");
        Files.writeString(dir.resolve("other.log"), "2024-01-15T10:25:00Z ERROR timeout in other.log\n");
        FileLogSource files = new FileLogSource("app-files", List.of(dir + "/*.log"), "text", 1000, 1 << 20, CLOCK);
        FakeLogSource loki = new FakeLogSource("loki", LogSearchResult::empty);

        LogSearchResult result;
        try (LogSources sources = new LogSources(List.of(files, loki), Duration.ofSeconds(5), CLOCK, Redactor.standard())) {
            result = sources.search(OPEN_QUERY, null, "other.log");
        }

        assertThat(result.samples()).extracting(LogLine::text).containsExactly("2024-01-15T10:25:00Z ERROR timeout in other.log");
        assertThat(loki.queries).isEmpty();
    }

    @Test
    void withoutSourcesTheSearchSaysSo() {
        try (LogSources none = LogSources.from(LogsSettings.none(), CLOCK)) {
            assertThat(none.isEmpty()).isTrue();
            assertThat(none.search(OPEN_QUERY).failures())
                    .containsExactly("no log sources are configured (add them under logs.sources)");
        }
    }

    @Test
    void theFactoryBuildsOneSourcePerConfiguredSource() {
        LogsSettings settings = new LogsSettings(1000, 1 << 20, Duration.ofSeconds(3), List.of(
                new LogsSettings.FileSource("app-files", List.of("/nonexistent/watchdog-test/*.log"), "auto"),
                new LogsSettings.LokiSource("loki", "http://loki:3100", "{app=\"x\"}", "", "", Secret.NONE, Secret.NONE,
                        1000),
                new LogsSettings.ElasticsearchSource("es", "opensearch", "https://es:9200", "logs-*", "@timestamp", "",
                        "message", "", Secret.NONE, "", Secret.NONE, 500)));

        try (LogSources sources = LogSources.from(settings, CLOCK)) {
            assertThat(sources.sources()).extracting(LogSource::getClass).containsExactly(FileLogSource.class,
                    LokiLogSource.class, ElasticsearchLogSource.class);
            assertThat(sources.sources()).extracting(LogSource::describe).containsExactly(
                    "app-files (files /nonexistent/watchdog-test/*.log)", "loki at http://loki:3100",
                    "es at https://es:9200");
        }
    }

    @Test
    void checkCredentialsCollectsEverySourcesProblems() {
        FakeLogSource fine = new FakeLogSource("fine", LogSearchResult::empty);
        FakeLogSource refused = new FakeLogSource("loki", LogSearchResult::empty)
                .withCredentialProblems(List.of("loki at http://loki:3100: HTTP 401 for the list of labels: no org id"));

        try (LogSources sources = new LogSources(List.of(fine, refused), Duration.ofSeconds(5), CLOCK, Redactor.standard())) {
            assertThat(sources.checkCredentials())
                    .containsExactly("loki at http://loki:3100: HTTP 401 for the list of labels: no org id");
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static LogSearchResult awaitBarrier(CyclicBarrier barrier, LogQuery query) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
            return LogSearchResult.empty(query);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the other source never ran at the same time", e);
        }
    }

    private static LogSearchResult result(LogQuery query, long total, Map<LogLevel, Long> levels,
            List<ErrorTypeCount> types, List<LogLine> samples) {
        return new LogSearchResult(query, total, levels, types, samples, 0, 0, List.of(), List.of());
    }

    static LogLine line(String time, String source, String text) {
        return new LogLine(Instant.parse("2024-01-15T" + time + "Z"), source, LogLevel.ERROR, text);
    }
}
