package dev.watchdog.bench;

import dev.watchdog.alerting.AlertRule;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.AlertTemplates;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.ExternalAlert;
import dev.watchdog.alerting.ExternalAlertTracker;
import dev.watchdog.alerting.RuleSamples;
import dev.watchdog.alerting.SqlAlertStore;
import dev.watchdog.db.Database;
import dev.watchdog.prometheus.Sample;
import dev.watchdog.testing.MutableClock;
import dev.watchdog.testing.RealPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Bytes the alert store writes, the target being under 1 MB per hour at 10,000 firing series that do not
 * change. A benchmark, not a test: it asserts nothing and never runs in {@code mvn verify}.
 *
 * <p><b>Polls.</b> The real {@link AlertTracker} ({@code evaluateGroup}, one store write per group of what changed)
 * over the real {@link SqlAlertStore} on a SQLite file in a temporary directory: 10 rules (one per group) of 1,000
 * series each, all firing from the first poll ({@code for: 0}), then
 * one poll every 10 s of simulated time ({@link MutableClock}) for one simulated hour: 360 polls, 3,600 rule
 * evaluations. Two runs: values that stay the same, and values that wiggle every poll (the annotations do not
 * quote the value, so only the value column changes). Bytes are {@code wchar} from {@code /proc/self/io} around
 * the hour (every byte this JVM wrote, to any file; nothing is printed meanwhile) and the growth of the database
 * and WAL files. The first poll, which inserts the 10,000 occurrences, is reported apart.
 *
 * <p><b>Webhook storm.</b> 10,000 Alertmanager alerts through {@link ExternalAlertTracker} in batches of 100 (one
 * transaction each), then the same 10,000 again as Alertmanager repeats them: bytes and wall time of each.
 *
 * <p><b>PostgreSQL.</b> The same hour of unchanged polls on a real PostgreSQL ({@link RealPostgres}), measured as
 * the WAL the server wrote ({@code pg_current_wal_lsn()} before and after) and rows it changed.
 *
 * <p>Run: {@code mvn -B -q -Pbench test-compile exec:exec -Dbench.mainClass=dev.watchdog.bench.StoreWritesBenchmark}.
 * Figures are printed and written to {@code target/bench/store-writes.txt}.
 */
public final class StoreWritesBenchmark {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final int RULES = 10;
    private static final int SERIES_PER_RULE = 1_000;
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int POLLS_PER_HOUR = 360;
    private static final int STORM = 10_000;
    private static final int BATCH = 100;
    private static final long TARGET_BYTES_PER_HOUR = 1_000_000;

    private final List<String> lines = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new StoreWritesBenchmark().run();
    }

    private void run() throws Exception {
        line("Store writes: %,d firing series (%d rules x %,d), a poll every %ds for one simulated hour (%d polls);"
                + " target < %,d bytes per hour", RULES * SERIES_PER_RULE, RULES, SERIES_PER_RULE,
                INTERVAL.toSeconds(), POLLS_PER_HOUR, TARGET_BYTES_PER_HOUR);
        line("%-44s %14s %14s %10s %8s", "run (SQLite file, WAL)", "wchar bytes", "db+WAL growth", "wall s", "target");
        polls("hour, values unchanged", false);
        polls("hour, values wiggling every poll", true);
        storm();
        postgres();
        Path out = Path.of("target", "bench", "store-writes.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
    }

    private void polls(String name, boolean wiggle) throws IOException {
        Path dir = Files.createTempDirectory("store-writes");
        Path file = dir.resolve("watchdog.db");
        MutableClock clock = new MutableClock(T0);
        try (Database database = Database.sqlite(file)) {
            Poller poller = new Poller(new SqlAlertStore(database, clock), clock);
            Measure first = Measure.start(dir);
            poller.poll(0, wiggle);
            row("first poll (inserts " + RULES * SERIES_PER_RULE + ")", first.stop(), false);
            Measure hour = Measure.start(dir);
            for (int poll = 1; poll <= POLLS_PER_HOUR; poll++) {
                clock.advance(INTERVAL);
                poller.poll(poll, wiggle);
            }
            row(name, hour.stop(), true);
        } finally {
            deleteAll(dir);
        }
    }

    private void storm() throws IOException {
        Path dir = Files.createTempDirectory("store-storm");
        MutableClock clock = new MutableClock(T0);
        try (Database database = Database.sqlite(dir.resolve("watchdog.db"))) {
            ExternalAlertTracker tracker = new ExternalAlertTracker(new SqlAlertStore(database, clock),
                    transitions -> { }, clock);
            for (String run : List.of("webhook storm: 10,000 new, batches of 100",
                    "webhook storm repeated: 10,000 unchanged")) {
                Measure measure = Measure.start(dir);
                for (int from = 0; from < STORM; from += BATCH) {
                    tracker.receive("alertmanager", stormBatch(from));
                }
                row(run, measure.stop(), false);
                clock.advance(Duration.ofMinutes(1));
            }
        } finally {
            deleteAll(dir);
        }
    }

    private static List<ExternalAlert> stormBatch(int from) {
        List<ExternalAlert> batch = new ArrayList<>(BATCH);
        for (int i = from; i < from + BATCH; i++) {
            batch.add(new ExternalAlert(Map.of("alertname", "NodeDown", "instance", "node-" + i, "severity",
                    "critical"), Map.of("summary", "node-" + i + " is down"), true, T0, null, ""));
        }
        return batch;
    }

    private void postgres() {
        RealPostgres.TestDatabase pg;
        try {
            pg = RealPostgres.newDatabase();
        } catch (RuntimeException unavailable) {
            line("PostgreSQL: not measured (%s)", unavailable.getMessage());
            return;
        }
        MutableClock clock = new MutableClock(T0);
        try (Database database = Database.postgresql(pg.newSchema())) {
            Poller poller = new Poller(new SqlAlertStore(database, clock), clock);
            poller.poll(0, false);
            Supplier<long[]> counters = () -> database.first("read WAL position", "SELECT pg_wal_lsn_diff("
                    + "pg_current_wal_lsn(), '0/0')::bigint, (SELECT tup_inserted + tup_updated + tup_deleted FROM"
                    + " pg_stat_database WHERE datname = current_database())", row -> new long[] {row.getLong(1),
                        row.getLong(2)}).orElseThrow();
            long[] before = counters.get();
            long started = System.nanoTime();
            for (int poll = 1; poll <= POLLS_PER_HOUR; poll++) {
                clock.advance(INTERVAL);
                poller.poll(poll, false);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            database.first("flush statistics", "SELECT pg_stat_force_next_flush()", row -> 1);
            long[] after = counters.get();
            line("%-44s %14s %14s %10.1f %8s   (PostgreSQL: WAL bytes; rows changed %,d)",
                    "PostgreSQL hour, values unchanged", String.format(Locale.ROOT, "%,d", after[0] - before[0]),
                    "-", seconds, verdict(after[0] - before[0]), after[1] - before[1]);
        } finally {
            pg.server().stop();
        }
    }

    /** The tracker with 10 groups of one rule of 1,000 series each, evaluated a group at a time as the poller does. */
    private static final class Poller {

        private final AlertTracker tracker;
        private final List<AlertRule> rules = new ArrayList<>();
        private final MutableClock clock;

        Poller(AlertStore store, MutableClock clock) {
            this.clock = clock;
            for (int r = 0; r < RULES; r++) {
                rules.add(new AlertRule("HighLatency" + r, "latency > 1", Duration.ZERO, Duration.ZERO,
                        Map.of("severity", "warning"), Map.of("summary", "{{ $labels.instance }} is slow"),
                        "group-" + r, "bench"));
            }
            this.tracker = new AlertTracker(rules, new AlertTemplates(Map.of()), store);
        }

        void poll(int poll, boolean wiggle) {
            for (AlertRule rule : rules) {
                List<Sample> samples = new ArrayList<>(SERIES_PER_RULE);
                for (int s = 0; s < SERIES_PER_RULE; s++) {
                    double value = wiggle ? 2 + ((poll * 31 + s) % 97) / 100.0 : 2;
                    samples.add(new Sample(Map.of("instance", "host-" + s, "job", "api"), value, clock.instant()));
                }
                tracker.evaluateGroup(List.of(new RuleSamples(rule, samples)), clock.instant(), 0);
            }
        }
    }

    private record Result(long wchar, long growth, double seconds) {
    }

    /** wchar and file sizes at the start of a measured span. */
    private record Measure(Path dir, long wchar, long size, long started) {

        static Measure start(Path dir) {
            return new Measure(dir, readWchar(), sizeOf(dir), System.nanoTime());
        }

        Result stop() {
            return new Result(readWchar() - wchar, sizeOf(dir) - size, (System.nanoTime() - started) / 1e9);
        }

        private static long readWchar() {
            try {
                return Files.readAllLines(Path.of("/proc/self/io")).stream()
                        .filter(line -> line.startsWith("wchar:"))
                        .mapToLong(line -> Long.parseLong(line.substring("wchar:".length()).strip()))
                        .findFirst().orElseThrow();
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }

        private static long sizeOf(Path dir) {
            try (Stream<Path> files = Files.list(dir)) {
                return files.mapToLong(file -> file.toFile().length()).sum();
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }
    }

    private void row(String name, Result result, boolean perHour) {
        line("%-44s %,14d %,14d %10.1f %8s", name, result.wchar(), result.growth(), result.seconds(),
                perHour ? verdict(result.wchar()) : "");
    }

    private static String verdict(long bytesPerHour) {
        return bytesPerHour < TARGET_BYTES_PER_HOUR ? "met" : "MISSED";
    }

    private void line(String format, Object... arguments) {
        String line = String.format(Locale.ROOT, format, arguments);
        System.out.println(line);
        lines.add(line);
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }
}
