package dev.watchdog.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchdog.files.ReverseLineReader;
import dev.watchdog.logs.LogSearchResult.ErrorTypeCount;
import dev.watchdog.logs.LogSearchResult.LogLine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file source on files generated in a temporary directory; the clock stands at 10:30 UTC. */
class FileLogSourceTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final DateTimeFormatter LOG4J = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    // --- formats -------------------------------------------------------------------------------

    @Test
    void jsonLinesAreReadWithTheirCommonKeyNames() throws IOException {
        write("app.log",
                "{\"time\":\"2024-01-15T10:10:00Z\",\"level\":\"error\",\"msg\":\"timeout before the window\"}",
                "{\"@timestamp\":\"2024-01-15T10:21:00.5Z\",\"severity\":\"WARNING\",\"message\":\"db timeout, retrying\",\"attempt\":1}",
                "{\"ts\":1705314480.25,\"lvl\":\"err\",\"msg\":\"timeout calling payments at 10.0.4.17:8443 after 3012 ms\"}",
                "{\"timestamp\":1705314540000,\"log.level\":\"ERROR\",\"message\":\"timeout calling payments at 10.0.4.9:8443 after 2987 ms\",\"error\":{\"type\":null}}",
                "{\"time\":\"2024-01-15T10:29:30+00:00\",\"level\":\"info\",\"msg\":\"all good\"}");

        LogSearchResult result = source("json", "app.log").search(query("TIMEOUT", Duration.ofMinutes(15)));

        assertThat(result.totalMatches()).isEqualTo(3);
        assertThat(result.countsByLevel()).containsExactly(Map.entry(LogLevel.ERROR, 2L), Map.entry(LogLevel.WARN, 1L));
        assertThat(result.topErrorTypes()).containsExactly(
                new ErrorTypeCount("timeout calling payments at <ip> after <num> ms", 2));
        assertThat(result.samples()).containsExactly(
                new LogLine(Instant.parse("2024-01-15T10:29:00Z"), "app-files", LogLevel.ERROR,
                        "timeout calling payments at 10.0.4.9:8443 after 2987 ms error={\"type\":null}"),
                new LogLine(Instant.parse("2024-01-15T10:28:00.250Z"), "app-files", LogLevel.ERROR,
                        "timeout calling payments at 10.0.4.17:8443 after 3012 ms"),
                new LogLine(Instant.parse("2024-01-15T10:21:00.500Z"), "app-files", LogLevel.WARN,
                        "db timeout, retrying attempt=1"));
        assertThat(result.failures()).isEmpty();
        assertThat(result.limits()).isEmpty();
    }

    @Test
    void stackTraceLinesBelongToTheEntryAboveThem() throws IOException {
        write("app.log",
                "2024-01-15 10:20:00,001 INFO  [main] c.e.Checkout - started",
                "2024-01-15 10:25:13,250 ERROR [http-nio-8080-exec-3] c.e.Checkout - Checkout failed for order 991",
                "java.lang.IllegalStateException: payment unavailable",
                "\tat com.example.Checkout.pay(Checkout.java:42)",
                "\tat com.example.Checkout.run(Checkout.java:17)",
                "Caused by: java.net.SocketTimeoutException: Read timed out",
                "\tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)",
                "\t... 12 more",
                "2024-01-15 10:26:00,000 WARN  [http-nio-8080-exec-4] c.e.Checkout - slow checkout");

        LogSearchResult result = source("text", "app.log").search(query("SocketTimeoutException", Duration.ofMinutes(15)));

        assertThat(result.totalMatches()).isEqualTo(1);
        assertThat(result.topErrorTypes()).containsExactly(new ErrorTypeCount("java.lang.IllegalStateException", 1));
        assertThat(result.samples()).hasSize(1);
        LogLine entry = result.samples().get(0);
        assertThat(entry.time()).isEqualTo(Instant.parse("2024-01-15T10:25:13.250Z"));
        assertThat(entry.level()).isEqualTo(LogLevel.ERROR);
        assertThat(entry.text()).startsWith("2024-01-15 10:25:13,250 ERROR [http-nio-8080-exec-3] c.e.Checkout - "
                + "Checkout failed for order 991\njava.lang.IllegalStateException: payment unavailable\n"
                + " at com.example.Checkout.pay(Checkout.java:42)\n");
        assertThat(entry.text()).endsWith("Caused by: java.net.SocketTimeoutException: Read tim...");
    }

    @Test
    void anErrorWithoutExceptionCountsByItsNormalisedMessage() throws IOException {
        write("app.log",
                "2024-01-15T10:25:00Z ERROR order 4711 failed: user 'alice' at 10.1.2.3 request 5f0c2b1e-8a6d-4c1e-9f3b-2a7d4e6c8b90",
                "2024-01-15T10:26:00Z ERROR order 4712 failed: user 'bob' at 10.1.2.4 request 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
                "2024-01-15T10:27:00Z ERROR cache miss for key 0xdeadbeef on pod checkout-7f9c6d5b4-x2k8p");

        LogSearchResult result = source("text", "app.log").search(query("", Duration.ofMinutes(15)));

        assertThat(result.topErrorTypes()).containsExactly(
                new ErrorTypeCount("order <num> failed: user <str> at <ip> request <uuid>", 2),
                new ErrorTypeCount("cache miss for key <hex> on pod <id>", 1));
    }

    @Test
    void syslogDatesAreInTheCurrentYearAndEveryTimeFormatWorks() throws IOException {
        write("syslog",
                "Jan 15 10:21:00 web-1 sshd[812]: error: connection timeout from 10.0.0.5",
                "1705314360 app[3]: ERROR timeout in epoch seconds",
                "1705314420123 app[3]: ERROR timeout in epoch millis",
                "2024-01-15T10:28:00 ERROR timeout without zone",
                "2024-01-15T11:29:00+01:00 ERROR timeout with an offset",
                "Jan 15 10:31:00 web-1 app: ERROR timeout after the window");

        LogSearchResult result = source("auto", "syslog").search(query("timeout", Duration.ofMinutes(15)));

        assertThat(result.samples()).extracting(LogLine::time).containsExactly(
                Instant.parse("2024-01-15T10:29:00Z"), Instant.parse("2024-01-15T10:28:00Z"),
                Instant.parse("2024-01-15T10:27:00.123Z"), Instant.parse("2024-01-15T10:26:00Z"),
                Instant.parse("2024-01-15T10:21:00Z"));
    }

    @Test
    void windowRespectsItsEndWhenSearchingThePast() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            lines.add(log4j(Instant.parse("2024-01-15T09:30:00Z").plusSeconds(60L * minute), "ERROR", "tick " + minute));
        }
        write("app.log", lines.toArray(String[]::new));

        LogSearchResult result = source("text", "app.log").search(new LogQuery("tick", Duration.ofMinutes(5), "error",
                Instant.parse("2024-01-15T10:00:00Z")));

        // The end is excluded: 10:00:00 belongs to the next window.
        assertThat(result.samples()).extracting(LogLine::time).containsExactly(Instant.parse("2024-01-15T09:59:00Z"),
                Instant.parse("2024-01-15T09:58:00Z"), Instant.parse("2024-01-15T09:57:00Z"),
                Instant.parse("2024-01-15T09:56:00Z"), Instant.parse("2024-01-15T09:55:00Z"));
    }

    @Test
    void aRegexAndAMinimumLevelFilterTogether() throws IOException {
        write("app.log",
                "2024-01-15T10:25:00Z INFO  request took 950ms",
                "2024-01-15T10:26:00Z WARN  request took 1950ms",
                "2024-01-15T10:27:00Z ERROR request took 12950ms",
                "2024-01-15T10:28:00Z DEBUG request took 19ms");

        LogSearchResult result = source("text", "app.log").search(new LogQuery("/took \\d{4,}ms/", Duration.ofMinutes(15),
                "warning", null));

        assertThat(result.samples()).extracting(LogLine::level).containsExactly(LogLevel.ERROR, LogLevel.WARN);
    }

    // --- files: rotation, gzip, window --------------------------------------------------------

    @Test
    void rotatedAndGzippedFilesAreSearchedAndOldGzipFilesAreNotOpened() throws IOException {
        write("app.log", log4j(at("10:26"), "ERROR", "timeout A"), log4j(at("10:29"), "ERROR", "timeout B"));
        write("app.log.1", log4j(at("10:12"), "ERROR", "timeout C"), log4j(at("10:20"), "ERROR", "timeout D"));
        writeGzip("app.log.2.gz", log4j(at("09:50"), "ERROR", "timeout E"), log4j(at("10:05"), "ERROR", "timeout F"),
                "java.lang.IllegalStateException: in a gzip file", log4j(at("10:08"), "INFO", "timeout G"));
        // Not gzip at all: opening it would be a failure, so the test shows it is skipped by its age.
        Files.writeString(dir.resolve("app.log.3.gz"), "not gzip");
        setModified("app.log", at("10:29"));
        setModified("app.log.1", at("10:20"));
        setModified("app.log.2.gz", at("10:08"));
        setModified("app.log.3.gz", at("09:00"));

        LogSearchResult result = source("text", "*.log").search(query("timeout", Duration.ofMinutes(30)));

        assertThat(result.samples()).extracting(LogLine::text).containsExactly(
                log4j(at("10:29"), "ERROR", "timeout B"), log4j(at("10:26"), "ERROR", "timeout A"),
                log4j(at("10:20"), "ERROR", "timeout D"), log4j(at("10:12"), "ERROR", "timeout C"),
                log4j(at("10:08"), "INFO", "timeout G"),
                log4j(at("10:05"), "ERROR", "timeout F") + "\njava.lang.IllegalStateException: in a gzip file");
        assertThat(result.topErrorTypes()).first().isEqualTo(new ErrorTypeCount("java.lang.IllegalStateException", 1));
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void onlyTheWindowIsReadFromTheEndOfALargeFile() throws IOException {
        // 24 hours, one line a second: about 7 MB; the last 5 minutes are 300 lines, about 25 KB.
        Path file = dir.resolve("big.log");
        Instant start = NOW.minus(Duration.ofHours(24));
        try (var out = Files.newBufferedWriter(file)) {
            for (int second = 1; second <= 24 * 3600; second++) {
                out.write(log4j(start.plusSeconds(second), second % 60 == 0 ? "ERROR" : "INFO",
                        "request " + second + " served by worker-" + (second % 7) + " in " + (second % 900) + "ms"));
                out.write('\n');
            }
        }

        LogSearchResult result = source("text", "big.log").search(query("", Duration.ofMinutes(5)));

        assertThat(result.totalMatches()).isEqualTo(300);
        assertThat(result.countsByLevel()).containsExactly(Map.entry(LogLevel.ERROR, 5L), Map.entry(LogLevel.INFO, 295L));
        assertThat(result.bytesRead()).isLessThan(3 * ReverseLineReader.BLOCK_BYTES).isLessThan(Files.size(file) / 50);
        assertThat(result.linesScanned()).isLessThan(1000);
    }

    @Test
    void theLineBudgetStopsTheSearchAndSaysWhere() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int second = 0; second < 3000; second++) {
            lines.add(log4j(NOW.minusSeconds(3000 - second), "INFO", "line " + second));
        }
        write("app.log", lines.toArray(String[]::new));
        FileLogSource small = new FileLogSource("app-files", List.of(dir.resolve("app.log").toString()), "text", 1000,
                1 << 30, CLOCK);

        LogSearchResult result = small.search(query("line", Duration.ofHours(1)));

        assertThat(result.totalMatches()).isEqualTo(1000);
        assertThat(result.linesScanned()).isEqualTo(1000);
        assertThat(result.limits()).containsExactly("app-files: stopped after 1000 lines (logs.max-lines); entries "
                + "before 2024-01-15T10:13:20Z were not searched");
        assertThat(result.render()).contains("Matches: at least 1000 (INFO 1000)");
    }

    @Test
    void theByteBudgetStopsTheSearch() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int second = 0; second < 3000; second++) {
            lines.add(log4j(NOW.minusSeconds(3000 - second), "INFO", "line " + second + " " + "x".repeat(100)));
        }
        write("app.log", lines.toArray(String[]::new));
        FileLogSource small = new FileLogSource("app-files", List.of(dir.resolve("app.log").toString()), "text",
                1_000_000, 64 * 1024, CLOCK);

        LogSearchResult result = small.search(query("line", Duration.ofHours(1)));

        assertThat(result.bytesRead()).isEqualTo(64 * 1024);
        assertThat(result.limits()).hasSize(1).first().asString()
                .startsWith("app-files: stopped after reading 64.0 KiB (logs.max-bytes); entries before ");
    }

    @Test
    void aFileWithoutTimestampsIsReportedNotSearchedForever() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < FileScanner.MAX_UNDATED_LINES + 10; i++) {
            lines.add("no time here " + i);
        }
        write("weird.log", lines.toArray(String[]::new));

        LogSearchResult result = source("text", "weird.log").search(query("time", Duration.ofMinutes(5)));

        assertThat(result.totalMatches()).isZero();
        assertThat(result.limits()).containsExactly("app-files: " + dir.toRealPath().resolve("weird.log")
                + ": no timestamp in 10000 lines in a row; the file was skipped (supported: ISO-8601, yyyy-MM-dd "
                + "HH:mm:ss,SSS, syslog MMM dd HH:mm:ss, epoch seconds or milliseconds, JSON lines with "
                + "time/timestamp/@timestamp/ts)");
    }

    @Test
    void windowsLineEndingsAndAMissingFinalNewlineAreRead() throws IOException {
        Files.writeString(dir.resolve("app.log"), log4j(at("10:25"), "ERROR", "first") + "\r\n"
                + log4j(at("10:26"), "ERROR", "second") + "\r\n" + log4j(at("10:27"), "ERROR", "third"));

        LogSearchResult result = source("text", "app.log").search(query("", Duration.ofMinutes(15)));

        assertThat(result.samples()).extracting(LogLine::text).containsExactly(log4j(at("10:27"), "ERROR", "third"),
                log4j(at("10:26"), "ERROR", "second"), log4j(at("10:25"), "ERROR", "first"));
    }

    @Test
    void samplesAreTheTenNewestCutTo300Characters() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int minute = 0; minute < 14; minute++) {
            lines.add(log4j(NOW.minusSeconds(60L * (14 - minute)), "WARN", "slow " + minute + " " + "y".repeat(400)));
        }
        write("app.log", lines.toArray(String[]::new));

        LogSearchResult result = source("text", "app.log").search(query("slow", Duration.ofMinutes(15)));

        assertThat(result.totalMatches()).isEqualTo(14);
        assertThat(result.samples()).hasSize(10);
        assertThat(result.samples().get(0).text()).hasSize(300).endsWith("...").contains("slow 13 ");
        assertThat(result.samples().get(9).text()).contains("slow 4 ");
    }

    // --- path safety ----------------------------------------------------------------------------

    @Test
    void aRequestedFileMustBeOneOfTheConfiguredFiles() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        write("logs/app.log", log4j(at("10:25"), "ERROR", "timeout in app.log"));
        write("logs/app.log.1", log4j(at("10:20"), "ERROR", "timeout in app.log.1"));
        write("secret.txt", log4j(at("10:25"), "ERROR", "timeout in a secret file"));
        FileLogSource source = new FileLogSource("app-files", List.of(logs + "/*.log"), "text", 1000, 1 << 20, CLOCK);
        String allowed = " (" + logs + "/*.log; files now: " + logs.toRealPath().resolve("app.log") + ", "
                + logs.toRealPath().resolve("app.log.1") + ")";

        assertThat(source.search(query("timeout", Duration.ofMinutes(15)), "app.log.1").samples())
                .extracting(LogLine::text).containsExactly(log4j(at("10:20"), "ERROR", "timeout in app.log.1"));
        assertThat(source.search(query("timeout", Duration.ofMinutes(15)), logs + "/app.log").samples())
                .extracting(LogLine::text).containsExactly(log4j(at("10:25"), "ERROR", "timeout in app.log"));

        LogSearchResult traversal = source.search(query("timeout", Duration.ofMinutes(15)), logs + "/../secret.txt");
        assertThat(traversal.totalMatches()).isZero();
        assertThat(traversal.failures()).containsExactly("app-files: file \"" + logs + "/../secret.txt\" is refused: "
                + "\"..\" is not allowed in a path" + allowed);

        LogSearchResult relative = source.search(query("timeout", Duration.ofMinutes(15)), "../secret.txt");
        assertThat(relative.failures()).containsExactly("app-files: file \"../secret.txt\" is refused: \"..\" is not "
                + "allowed in a path" + allowed);

        LogSearchResult absolute = source.search(query("timeout", Duration.ofMinutes(15)), dir + "/secret.txt");
        assertThat(absolute.totalMatches()).isZero();
        assertThat(absolute.failures()).containsExactly("app-files: file \"" + dir + "/secret.txt\" is refused: it is "
                + "not one of the files configured for this source" + allowed);

        LogSearchResult system = source.search(query("root", Duration.ofMinutes(15)), "/etc/passwd");
        assertThat(system.failures()).containsExactly("app-files: file \"/etc/passwd\" is refused: it is not one of "
                + "the files configured for this source" + allowed);
    }

    @Test
    void aLinkLeadingOutOfTheConfiguredDirectoryIsNotRead() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        write("logs/app.log", log4j(at("10:25"), "ERROR", "timeout in app.log"));
        write("outside.log", log4j(at("10:26"), "ERROR", "timeout outside"));
        Files.createSymbolicLink(logs.resolve("evil.log"), dir.resolve("outside.log"));
        FileLogSource source = new FileLogSource("app-files", List.of(logs + "/*.log"), "text", 1000, 1 << 20, CLOCK);

        LogSearchResult everything = source.search(query("timeout", Duration.ofMinutes(15)));
        LogSearchResult requested = source.search(query("timeout", Duration.ofMinutes(15)), logs + "/evil.log");

        String refusal = "app-files: " + logs.toRealPath().resolve("evil.log") + " is refused: it is a link leading "
                + "outside " + logs.toRealPath();
        assertThat(everything.samples()).extracting(LogLine::text)
                .containsExactly(log4j(at("10:25"), "ERROR", "timeout in app.log"));
        assertThat(everything.failures()).containsExactly(refusal);
        assertThat(requested.totalMatches()).isZero();
        assertThat(requested.failures()).containsExactly("app-files: file \"" + logs + "/evil.log\" is refused: it is "
                + "not one of the files configured for this source (" + logs + "/*.log; files now: "
                + logs.toRealPath().resolve("app.log") + ")");
    }

    @Test
    void aLinkInsideTheDirectoryIsFollowed() throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        write("logs/current-2024-01-15.log", log4j(at("10:25"), "ERROR", "timeout via link"));
        Files.createSymbolicLink(logs.resolve("current.log"), logs.resolve("current-2024-01-15.log"));
        FileLogSource source = new FileLogSource("app-files", List.of(logs + "/current.log"), "text", 1000, 1 << 20,
                CLOCK);

        LogSearchResult result = source.search(query("timeout", Duration.ofMinutes(15)));

        assertThat(result.samples()).extracting(LogLine::text).containsExactly(log4j(at("10:25"), "ERROR", "timeout via link"));
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void missingFilesAreReportedAndCheckCredentialsSaysSo() {
        FileLogSource source = new FileLogSource("app-files", List.of(dir + "/nothing/*.log"), "auto", 1000, 1 << 20,
                CLOCK);

        assertThat(source.search(query("x", Duration.ofMinutes(5))).failures())
                .containsExactly("app-files: no file matches " + dir + "/nothing/*.log");
        assertThat(source.checkCredentials()).containsExactly("app-files: no file matches " + dir + "/nothing/*.log");
    }

    @Test
    void checkCredentialsPassesForReadableFiles() throws IOException {
        write("app.log", log4j(at("10:25"), "INFO", "hello"));

        assertThat(source("auto", "app.log").checkCredentials()).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------

    private FileLogSource source(String format, String pattern) {
        return new FileLogSource("app-files", List.of(dir.resolve(pattern).toString()), format, 200_000, 1L << 30, CLOCK);
    }

    private static LogQuery query(String text, Duration window) {
        return new LogQuery(text, window, null, NOW);
    }

    private static Instant at(String hourMinute) {
        return Instant.parse("2024-01-15T" + hourMinute + ":00Z");
    }

    static String log4j(Instant time, String level, String message) {
        return LOG4J.format(time) + " " + String.format("%-5s", level) + " [main] c.e.App - " + message;
    }

    private void write(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private void writeGzip(String name, String... lines) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void setModified(String name, Instant time) throws IOException {
        Files.setLastModifiedTime(dir.resolve(name), FileTime.from(time));
    }
}
