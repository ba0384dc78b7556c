package dev.watchdog.bench;

import dev.watchdog.http.SharedHttpClient;
import dev.watchdog.testing.RealPrometheus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;

/**
 * What evaluating alerting rules costs Watchdog, beside Prometheus evaluating the same rules natively, in the same
 * run on the same machine and data. Prints figures, asserts nothing.
 *
 * <pre>
 * mvn -B -q -Pbench test-compile exec:exec -Dbench.mainClass=dev.watchdog.bench.RuleEvaluationBenchmark
 * </pre>
 *
 * <p>{@link SyntheticServices} (100 targets, about 3,100 series) is scraped every {@value #SCRAPE_SECONDS} s by two
 * real Prometheus 2.42 servers: one without rules that answers Watchdog's queries for the whole run, and, for each
 * size, one with the generated rule files ({@link RuleFileGenerator}) loaded. For each size: first the native
 * Prometheus is measured ({@link NativeRuleEvaluation}) and stopped, then Watchdog ({@link WatchdogRuleEvaluation}),
 * so the two never compete for the cores. {@code -Dbench.ruleCounts=1000,5000} runs other sizes.
 */
public final class RuleEvaluationBenchmark {

    static final int SCRAPE_SECONDS = 5;
    private static final long SEED = 19;
    private static final Duration TARGETS_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration AWAIT_POLL = Duration.ofMillis(500);
    private static final double CPU_TARGET_SHARE = 0.03;
    private static final double RATIO_TARGET = 2.0;
    private static final double WALL_TARGET_SHARE = 0.5;

    /** One size: its evaluation interval and how many cycles are run. */
    record Size(int rules, Duration interval, int nativeCycles, int watchdogWarmups, int watchdogCycles) {

        /** Rule evaluations before the first measured cycle of the run, so that JIT compiling is mostly done. */
        private static final int FIRST_WARMUP_EVALUATIONS = 10_000;

        /** 10 s intervals up to 5,000 rules; 30 s from 10,000 (the target), with fewer, longer cycles. */
        static Size of(int rules, boolean first) {
            int warmups = first ? Math.max(1, FIRST_WARMUP_EVALUATIONS / rules) : 1;
            if (rules >= 10_000) {
                return new Size(rules, Duration.ofSeconds(30), 2, warmups, 2);
            }
            return new Size(rules, Duration.ofSeconds(10), 4, warmups, rules >= 5_000 ? 3 : 5);
        }
    }

    private record Row(Size size, NativeRuleEvaluation reference, WatchdogRuleEvaluation watchdog) {
    }

    private RuleEvaluationBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(Arrays.stream(System.getProperty("bench.ruleCounts", "1000,5000,10000").split(","))
                    .map(String::trim).mapToInt(Integer::parseInt).toArray());
        } catch (Exception | Error failure) {
            System.err.println("rule evaluation benchmark failed: " + failure);
            failure.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static void run(int[] ruleCounts) throws IOException {
        long started = System.nanoTime();
        String loadBefore = loadAverage();
        Path dir = Files.createTempDirectory("watchdog-rule-bench-files");
        RequestCounter requests = new RequestCounter();
        // Derived from the shared client as every peer's is: same pool and dispatcher, plus the counter.
        OkHttpClient http = SharedHttpClient.get().newBuilder().addInterceptor(requests).build();
        List<Row> rows = new ArrayList<>();
        try (SyntheticServices services = new SyntheticServices(SEED);
                RealPrometheus answering = prometheus(services).start()) {
            awaitScraped(answering, services);
            String series = answering.query("count({__name__=~\".+\"})").path("result").path(0).path("value").path(1)
                    .asText();
            for (int i = 0; i < ruleCounts.length; i++) {
                Size size = Size.of(ruleCounts[i], i == 0);
                List<String> rules = new RuleFileGenerator(SEED).write(size.rules());
                List<Path> ruleFiles = new ArrayList<>();
                for (int file = 0; file < rules.size(); file++) {
                    ruleFiles.add(Files.writeString(dir.resolve("rules-" + size.rules() + "-" + file + ".yml"),
                            rules.get(file)));
                }
                progress("%,d rules: native Prometheus, %d cycles of %d s", size.rules(), size.nativeCycles(),
                        size.interval().toSeconds());
                NativeRuleEvaluation reference = NativeRuleEvaluation.measure(services, rules,
                        RuleFileGenerator.groups(size.rules()), size.interval(), size.nativeCycles(), answering);
                progress("%,d rules: Watchdog, %d warm-up and %d measured cycles", size.rules(),
                        size.watchdogWarmups(), size.watchdogCycles());
                WatchdogRuleEvaluation watchdog = WatchdogRuleEvaluation.measure(ruleFiles, size.interval(),
                        size.watchdogWarmups(), size.watchdogCycles(), services, answering,
                        reference.idleCpuPerSecond(), http, requests);
                rows.add(new Row(size, reference, watchdog));
                // each size's row as soon as it is measured: a later size that fails loses no figures
                progress("%s", row(rows.get(rows.size() - 1)).trim());
            }
            String report = report(rows, services.targets(), series, (System.nanoTime() - started) / 1e9)
                    + String.format(Locale.ROOT, "Load average (1, 5, 15 min) at the start %s, at the end %s,"
                            + " on %d cores%n", loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors());
            System.out.print(report);
            Path out = Path.of(System.getProperty("bench.out", "target/bench/ack-latency.txt"))
                    .resolveSibling("rule-evaluation.txt").toAbsolutePath();
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** A Prometheus scraping every instance of the synthetic services; the caller adds rules and starts it. */
    static RealPrometheus.Builder prometheus(SyntheticServices services) {
        RealPrometheus.Builder builder = RealPrometheus.builder().scrapeInterval(Duration.ofSeconds(SCRAPE_SECONDS));
        services.scrapeConfigs().forEach(builder::scrapeConfig);
        return builder;
    }

    /** Waits until every target was scraped and counters have two samples, so rates have values. */
    static void awaitScraped(RealPrometheus prometheus, SyntheticServices services) {
        await(TARGETS_TIMEOUT, () -> scalar(prometheus, "count(up)") == services.targets()
                        && scalar(prometheus, "count(rate(http_requests_total[1m]) > 0)") > 0,
                "every synthetic target scraped twice by " + prometheus.url());
    }

    /** A bounded poll, twice a second: each look asks a Prometheus, which must not add load to the run. */
    static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up waiting " + timeout.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(AWAIT_POLL.toNanos());
        }
    }

    private static double scalar(RealPrometheus prometheus, String promql) {
        String value = prometheus.query(promql).path("result").path(0).path("value").path(1).asText("0");
        return value.isEmpty() ? 0 : Double.parseDouble(value);
    }

    private static String report(List<Row> rows, int targets, String series, double seconds) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Rule evaluation: Watchdog against Prometheus 2.42 evaluating the same rules natively, same run%n"
                        + "%d targets, %s series, scraped every %d s; rule files of %d groups of %d rules%n%n",
                targets, series, SCRAPE_SECONDS, RuleFileGenerator.GROUPS_PER_FILE, RuleFileGenerator.RULES_PER_GROUP));
        text.append("| rules | interval | native CPU/cycle | native eval/cycle (sum; longest group) "
                + "| Watchdog CPU/cycle (% of a core) | answering CPU/cycle | (Watchdog+answering)/native "
                + "| Watchdog wall/cycle (% of interval) | requests/cycle |\n");
        text.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(row -> text.append(row(row)));
        text.append(String.format(Locale.ROOT, "%nTargets: 1,000 rules: Watchdog <= %.0f%% of a core per 10 s cycle"
                + " (%.1f s CPU), (Watchdog+answering)/native <= %.0fx; 10,000 rules: Watchdog wall < %.0f%% of 30 s.%n",
                100 * CPU_TARGET_SHARE, CPU_TARGET_SHARE * 10, RATIO_TARGET, 100 * WALL_TARGET_SHARE));
        text.append(String.format(Locale.ROOT, "%nDetails (run took %.0f s):%n", seconds));
        for (Row row : rows) {
            NativeRuleEvaluation reference = row.reference();
            WatchdogRuleEvaluation watchdog = row.watchdog();
            text.append(String.format(Locale.ROOT,
                    "  %,d rules: native %.1f cycles measured, rule-less Prometheus idle %.3f s CPU/s subtracted,"
                            + " %.0f evaluation failures, %.0f missed iterations, %d firing / %d pending at the end;%n"
                            + "    Watchdog %d cycles measured (longest %.2f s), %d firing / %d pending at the end%n",
                    row.size().rules(), reference.cycles(), reference.idleCpuPerSecond(), reference.failures(),
                    reference.missed(), reference.firing(), reference.pending(), watchdog.cycles(),
                    watchdog.wallMax(), watchdog.firing(), watchdog.pending()));
        }
        return text.toString();
    }

    private static String row(Row row) {
        double interval = row.size().interval().toSeconds();
        WatchdogRuleEvaluation watchdog = row.watchdog();
        NativeRuleEvaluation reference = row.reference();
        return String.format(Locale.ROOT,
                "| %,d | %d s | %.3f s | %.3f s; %.3f s | %.3f s (%.1f%%) | %.3f s | %.1fx | %.2f s (%.0f%%) | %,.0f |%n",
                row.size().rules(), (long) interval, reference.cpuPerCycle(), reference.evalSum(),
                reference.evalMax(), watchdog.cpuPerCycle(), 100 * watchdog.cpuPerCycle() / interval,
                watchdog.answeringCpuPerCycle(),
                (watchdog.cpuPerCycle() + watchdog.answeringCpuPerCycle()) / reference.cpuPerCycle(),
                watchdog.wallPerCycle(), 100 * watchdog.wallPerCycle() / interval, watchdog.requestsPerCycle());
    }

    private static void progress(String format, Object... args) {
        System.out.printf(Locale.ROOT, "... " + format + "%n", args);
    }

    /** The machine's load, for the figures' context: other processes share the cores. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir left behind does not change the figures
        }
    }
}
