package dev.watchdog.testing;

import dev.watchdog.db.PostgresSettings;
import dev.watchdog.security.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian package {@code postgresql}), one per test JVM: {@code initdb}
 * into a temp dir, {@code pg_ctl} on a free loopback port, stopped when the JVM exits. Each test
 * class takes a {@link #newDatabase() database of its own}, each test a fresh schema in it. Tests
 * fail, never skip, when the binaries are missing: the store's tests against PostgreSQL are what
 * proves replicas can share it.
 *
 * <p>{@code initdb} refuses to run as root, so as root the server runs as the {@code postgres}
 * user that the package creates, in a temp dir it owns.
 */
public final class RealPostgres {

    private static final String SUPERUSER = "watchdog";
    private static final Secret PASSWORD = Secret.of("watchdog-test-password");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static RealPostgres server;

    private final Path binaries;
    private final Path dir;
    private final Path data;
    private final Path log;
    private int port;
    private boolean running;

    /** The server of this JVM, started by the first call. */
    public static synchronized RealPostgres server() {
        if (server == null) {
            server = new RealPostgres();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "stop-postgres"));
            server.initialize();
        }
        return server;
    }

    /** A new, empty database of the server of this JVM: one per test class. */
    public static TestDatabase newDatabase() {
        RealPostgres postgres = server();
        String name = "watchdog_it_" + NAMES.incrementAndGet();
        postgres.execute("postgres", "CREATE DATABASE " + name);
        return new TestDatabase(postgres, name);
    }

    /** A database of the server, where each test takes a schema of its own. */
    public record TestDatabase(RealPostgres server, String name) {

        /** Settings for a new, empty schema of this database: a fresh store for one test. */
        public PostgresSettings newSchema() {
            String schema = "test_" + NAMES.incrementAndGet();
            server.execute(name, "CREATE SCHEMA " + schema);
            return new PostgresSettings(server.url(name) + "?currentSchema=" + schema, SUPERUSER, PASSWORD, 4,
                    Duration.ofSeconds(2), Duration.ofSeconds(10));
        }

        /** How many sessions on this database wait for a lock another one holds: how a test sees a replica blocked. */
        public long sessionsWaitingForALock() {
            return server.count(name, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND wait_event_type = 'Lock'");
        }
    }

    private RealPostgres() {
        this.binaries = findBinaries();
        try {
            this.dir = Files.createTempDirectory("watchdog-postgres-");
            this.data = dir.resolve("data");
            this.log = dir.resolve("postgres.log");
            Files.writeString(dir.resolve("password"), PASSWORD.reveal());
            if (asRoot()) {
                UserPrincipal postgres = FileSystems.getDefault().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                Files.setOwner(dir.resolve("password"), postgres);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a temp dir for postgres", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server as an administrator would ({@code pg_ctl stop -m fast}): sessions are ended. */
    public synchronized void stop() {
        pgCtl("stop", "-m", "fast");
        running = false;
    }

    /** Starts the stopped server again on the same port. */
    public synchronized void start() {
        pgCtl("start", "-o", serverOptions(), "-l", log.toString());
        running = true;
    }

    /** Starts the server again if a test stopped it and failed before starting it. */
    public synchronized void ensureRunning() {
        if (!running) {
            start();
        }
    }

    /** Stops and starts the server: every open connection breaks. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Runs one statement as the superuser in {@code database}. */
    public void execute(String database, String statement) {
        try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw failure(statement + " failed: " + e.getMessage());
        }
    }

    private long count(String database, String query) {
        try (Connection connection = connect(database); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw failure(query + " failed: " + e.getMessage());
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), SUPERUSER, PASSWORD.reveal());
    }

    private void initialize() {
        run(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "--pwfile=" + dir.resolve("password"), "--auth-host=scram-sha-256", "--auth-local=trust",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
        // The free port is found by binding and releasing it, so another process can take it first: retry.
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            try {
                start();
                return;
            } catch (AssertionError failed) {
                if (attempt == START_ATTEMPTS || !logTail().contains("could not bind")) {
                    throw failed;
                }
            }
        }
    }

    /** Fast rather than safe: a test's data need not survive a crash of the machine. */
    private String serverOptions() {
        return "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off";
    }

    private void pgCtl(String command, String... options) {
        List<String> arguments = new ArrayList<>(List.of(binaries.resolve("pg_ctl").toString(), command, "-D",
                data.toString(), "-w", "-t", "30"));
        arguments.addAll(List.of(options));
        run(arguments);
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = dir.resolve("command.log");
        try {
            Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure(String.join(" ", full) + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw failure(String.join(" ", full) + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw failure("cannot run " + full + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while running " + full);
        }
    }

    /** At JVM exit: stop at once (nothing here is worth a clean shutdown) and delete the temp dir. */
    private void destroy() {
        try {
            pgCtl("stop", "-m", "immediate");
        } catch (AssertionError alreadyStopped) {
            // stopped by a test that failed before starting it again
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp dir must not fail the tests that already ran
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} that has {@code initdb} and {@code pg_ctl}. */
    private static Path findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new AssertionError("PostgreSQL server binaries not found under " + root
                            + ": install the Debian package 'postgresql' (apt-get install -y postgresql;"
                            + " .ci/run does this)"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    private AssertionError failure(String message) {
        return new AssertionError("RealPostgres: " + message + "\n--- tail of " + log + " ---\n" + logTail());
    }

    /** A loopback port nothing listens on at the moment. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
