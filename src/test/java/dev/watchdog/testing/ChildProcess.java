package dev.watchdog.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code java -jar target/watchdog.jar ...} as a child process, its output collected line by line. */
public final class ChildProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target/watchdog.jar");

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
        collect(process.getInputStream(), stdout);
        collect(process.getErrorStream(), stderr);
    }

    /** Starts the jar with only the given environment (plus PATH), in the project directory. */
    public static ChildProcess startJar(Map<String, String> env, String... args) throws IOException {
        if (!JAR.toFile().isFile()) {
            throw new AssertionError(JAR + " is missing: integration tests run after `mvn package`");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        return new ChildProcess(builder.start());
    }

    private static void collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the process to exit and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not exit within " + timeout + "; output:\n" + output());
        }
        // the exit may be seen before the reader threads have drained the pipes
        Await.until(Duration.ofSeconds(5), () -> !process.isAlive(), this::output);
        return process.exitValue();
    }

    public String awaitStdoutLine(Predicate<String> matches, Duration timeout) {
        return Await.value(timeout, () -> stdout.stream().filter(matches).findFirst(),
                () -> "no matching line; output so far:\n" + output());
    }

    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    public String stdoutText() {
        return String.join("\n", stdout);
    }

    public String stderrText() {
        return String.join("\n", stderr);
    }

    public String output() {
        return "--- stdout\n" + stdoutText() + "\n--- stderr\n" + stderrText();
    }

    public long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
