package dev.watchdog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code promtool check rules} (Debian package {@code prometheus}, 2.42 on bookworm), the oracle
 * for what a rule file Prometheus accepts. Tests fail, never skip, when it is missing.
 */
public final class Promtool {

    private static final Path DEBIAN = Path.of("/usr/bin/promtool");
    private static final long TIMEOUT_SECONDS = 120;

    /** What one run printed (stdout then stderr) and its exit code: 0 when every file passed. */
    public record Result(int exitCode, String output) {

        public boolean accepted() {
            return exitCode == 0;
        }
    }

    private Promtool() {
    }

    public static Result checkRules(List<Path> files) {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "check", "rules"));
        files.forEach(file -> command.add(file.toString()));
        return run(command);
    }

    /** {@code promtool test rules}: the unit tests of rule files; exit code 0 when every test passed. */
    public static Result testRules(Path testFile) {
        return run(List.of(binary().toString(), "test", "rules", testFile.toString()));
    }

    /** {@code promtool check config}: a Prometheus configuration and the rule files it names. */
    public static Result checkConfig(Path configFile) {
        return run(List.of(binary().toString(), "check", "config", configFile.toString()));
    }

    private static Result run(List<String> command) {
        try {
            Path output = Files.createTempFile("promtool", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("promtool did not finish within " + TIMEOUT_SECONDS + " s: " + command);
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running promtool", e);
        }
    }

    private static Path binary() {
        if (Files.isExecutable(DEBIAN)) {
            return DEBIAN;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("promtool is missing: install the Debian package prometheus (it ships "
                + "/usr/bin/promtool); the differential tests never skip");
    }
}
