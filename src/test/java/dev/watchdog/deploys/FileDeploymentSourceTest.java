package dev.watchdog.deploys;

import static dev.watchdog.deploys.GitHubDeploymentSourceTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeploymentSourceTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Duration SIX_HOURS = Duration.ofHours(6);

    @TempDir
    Path dir;

    @Test
    void readsTheNewestLinesBackToTheLookbackNewestFirst() throws IOException {
        Path file = write(
                "this line is broken, but older than the window and never read",
                event("checkout", "v1.3.0", "2024-04-30T22:00:00Z"),
                event("checkout", "v1.4.0", "2024-05-01T06:30:00Z"),
                event("payments", "2024.05.01", "2024-05-01T09:15:00+02:00"),
                event("checkout", "v1.4.2", "2024-05-01T11:30:00Z"));

        DeploymentLookup lookup = source(file).lookup(null, SIX_HOURS, NOW);

        assertThat(lookup.deployments()).containsExactly(
                new Deployment("checkout", "v1.4.2", "production", Instant.parse("2024-05-01T11:30:00Z"), "alice",
                        "9f8e7d6c", "https://ci.example.com/runs/1", "success", "ci-events"),
                new Deployment("payments", "2024.05.01", "production", Instant.parse("2024-05-01T07:15:00Z"), "alice",
                        "9f8e7d6c", "https://ci.example.com/runs/1", "success", "ci-events"),
                new Deployment("checkout", "v1.4.0", "production", Instant.parse("2024-05-01T06:30:00Z"), "alice",
                        "9f8e7d6c", "https://ci.example.com/runs/1", "success", "ci-events"));
        assertThat(lookup.failures()).isEmpty();
    }

    @Test
    void filtersByService() throws IOException {
        Path file = write(event("checkout", "v1.4.0", "2024-05-01T07:00:00Z"),
                event("payments", "2024.05.01", "2024-05-01T08:00:00Z"));

        assertThat(source(file).recent("PAYMENTS", SIX_HOURS, NOW)).extracting(Deployment::version)
                .containsExactly("2024.05.01");
    }

    @Test
    void malformedLinesAreSkippedCountedAndReported() throws IOException {
        Path file = write(
                event("checkout", "v1.4.0", "2024-05-01T07:00:00Z"),
                "{\"service\": \"checkout\", \"version\": \"v1.4.1\"}",
                "",
                "not json at all",
                "[\"an\", \"array\"]",
                "{\"service\": \"checkout\", \"version\": \"v1.4.2\", \"time\": \"yesterday\"}",
                event("checkout", "v1.4.3", "2024-05-01T11:00:00Z"));

        DeploymentLookup lookup = source(file).lookup(null, SIX_HOURS, NOW);

        assertThat(lookup.deployments()).extracting(Deployment::version).containsExactly("v1.4.3", "v1.4.0");
        assertThat(lookup.failures()).containsExactly("ci-events: skipped 4 malformed lines in " + file
                + " (newest: \"time\" is not a time with a zone or an epoch number: \"yesterday\")");
    }

    @Test
    void anUnterminatedLastLineIsOneBeingWrittenNotAMalformedOne() throws IOException {
        Path file = dir.resolve("deploys.jsonl");
        Files.writeString(file, event("checkout", "v1.4.0", "2024-05-01T07:00:00Z") + "\n{\"service\": \"chec");

        DeploymentLookup lookup = source(file).lookup(null, SIX_HOURS, NOW);

        assertThat(lookup.deployments()).extracting(Deployment::version).containsExactly("v1.4.0");
        assertThat(lookup.failures()).isEmpty();
    }

    @Test
    void mappedFieldNamesAndEpochMillisAreRead() throws IOException {
        Path file = write("{\"app\": \"checkout\", \"tag\": \"v2\", \"ts\": 1714561200000, \"actor\": {\"login\": \"bob\"}}");
        FileDeploymentSource source = new FileDeploymentSource("ci-events", file,
                FieldMapping.of(Map.of("service", "app", "version", "tag", "time", "ts", "who", "/actor/login")));

        assertThat(source.recent(null, SIX_HOURS, NOW)).containsExactly(new Deployment("checkout", "v2", "",
                Instant.parse("2024-05-01T11:00:00Z"), "bob", "", "", "", "ci-events"));
    }

    @Test
    void aMissingFileIsAFailureNotAnEmptyHistory() {
        Path missing = dir.resolve("not-written-yet.jsonl");

        assertThat(failure(() -> source(missing).recent(null, SIX_HOURS, NOW)))
                .hasMessage("ci-events: " + missing + " does not exist");
        assertThat(source(missing).checkCredentials()).containsExactly("ci-events: " + missing + " does not exist");
    }

    @Test
    void aReadableFileIsFineForCheckConfig() throws IOException {
        assertThat(source(write()).checkCredentials()).isEmpty();
        assertThat(source(dir).checkCredentials()).containsExactly("ci-events: " + dir + " is not a file");
    }

    @Test
    void readsAcrossChunkBoundariesWithCrLfAndMultiByteCharacters() throws IOException {
        // 3000 lines of ~150 bytes: about 450 KiB, several 64 KiB chunks, one deployment a minute.
        List<String> lines = new ArrayList<>();
        Instant first = NOW.minus(Duration.ofMinutes(3000));
        for (int i = 0; i < 3000; i++) {
            lines.add("{\"service\":\"caf\u00e9-\u00fcber\",\"version\":\"v" + i + "\",\"time\":\""
                    + first.plus(Duration.ofMinutes(i)) + "\",\"who\":\"\u00e5sa\"}");
        }
        Path file = dir.resolve("big.jsonl");
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);

        List<Deployment> deployments = source(file).recent(null, Duration.ofMinutes(1000), NOW);

        assertThat(deployments).hasSize(1000);
        assertThat(deployments.get(0).version()).isEqualTo("v2999");
        assertThat(deployments.get(999).version()).isEqualTo("v2000");
        assertThat(deployments).allSatisfy(d -> {
            assertThat(d.service()).isEqualTo("caf\u00e9-\u00fcber");
            assertThat(d.who()).isEqualTo("\u00e5sa");
        });
    }

    @Test
    void readsOnlyUpToTheByteLimitAndSaysSo() throws IOException {
        String newest = event("checkout", "v3", "2024-05-01T11:00:00Z");
        Path file = write(event("checkout", "v1", "2024-05-01T09:00:00Z"),
                event("checkout", "v2", "2024-05-01T10:00:00Z"), newest);
        long limit = newest.length() + 40; // the newest line and part of the one before it
        FileDeploymentSource limited = new FileDeploymentSource("ci-events", file, FieldMapping.identity(), limit);

        DeploymentLookup lookup = limited.lookup(null, SIX_HOURS, NOW);

        assertThat(lookup.deployments()).extracting(Deployment::version).containsExactly("v3");
        assertThat(lookup.failures()).containsExactly("ci-events: read only the last " + limit + " bytes of " + file
                + "; older deployments in the window were not read");
    }

    private FileDeploymentSource source(Path file) {
        return new FileDeploymentSource("ci-events", file, FieldMapping.identity());
    }

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("deploys.jsonl");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    private static String event(String service, String version, String time) {
        return "{\"service\":\"" + service + "\",\"version\":\"" + version + "\",\"environment\":\"production\","
                + "\"time\":\"" + time + "\",\"who\":\"alice\",\"commit\":\"9f8e7d6c\","
                + "\"link\":\"https://ci.example.com/runs/1\",\"status\":\"success\"}";
    }
}
