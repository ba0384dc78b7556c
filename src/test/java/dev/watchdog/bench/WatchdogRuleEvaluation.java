package dev.watchdog.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.watchdog.alerting.AlertState;
import dev.watchdog.testing.RealPrometheus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Watchdog evaluating the rule files against a Prometheus without rules that answers its queries. Cycles run back to
 * back after {@code warmups} unmeasured ones (JIT, the store's first inserts). Watchdog's CPU per cycle is this JVM's
 * process CPU around the cycle ({@code getProcessCpuTime}: GC and JIT threads included), less what the JVM spent
 * serving scrapes of {@link SyntheticServices} meanwhile. The answering Prometheus' CPU per cycle is its {@code /proc}
 * CPU over the measured cycles less its idle rate (measured in the native window, when nothing queried it).
 *
 * @param cpuPerCycle          Watchdog's CPU seconds per cycle (mean)
 * @param wallPerCycle         wall seconds per cycle (mean)
 * @param wallMax              the longest cycle, seconds
 * @param answeringCpuPerCycle the answering Prometheus' CPU seconds per cycle, idle taken out
 * @param requestsPerCycle     HTTP requests Watchdog sent per cycle
 * @param cycles               cycles measured
 * @param firing               alerts firing after the last cycle
 * @param pending              alerts pending after the last cycle
 */
record WatchdogRuleEvaluation(double cpuPerCycle, double wallPerCycle, double wallMax, double answeringCpuPerCycle,
        double requestsPerCycle, int cycles, long firing, long pending) {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static WatchdogRuleEvaluation measure(List<Path> ruleFiles, Duration interval, int warmups, int cycles,
            SyntheticServices services, RealPrometheus answering, double answeringIdlePerSecond, OkHttpClient http,
            RequestCounter requests) throws IOException {
        Path dataDir = Files.createTempDirectory("watchdog-rule-bench");
        try (WatchdogEvaluator watchdog = WatchdogEvaluator.build(ruleFiles, answering.url(), http, interval, dataDir)) {
            for (int i = 0; i < warmups; i++) {
                watchdog.cycle();
            }
            ProcCpu answeringCpu = new ProcCpu(answering.pid());
            double answeringBefore = answeringCpu.seconds();
            long requestsBefore = requests.count();
            long started = System.nanoTime();
            List<Double> cpu = new ArrayList<>();
            List<Double> wall = new ArrayList<>();
            for (int i = 0; i < cycles; i++) {
                long serving = services.servingCpuNanos();
                long cpuBefore = OS.getProcessCpuTime();
                long cycleStarted = System.nanoTime();
                watchdog.cycle();
                wall.add((System.nanoTime() - cycleStarted) / 1e9);
                cpu.add((OS.getProcessCpuTime() - cpuBefore - (services.servingCpuNanos() - serving)) / 1e9);
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            double answeringUsed = answeringCpu.seconds() - answeringBefore - answeringIdlePerSecond * elapsed;
            return new WatchdogRuleEvaluation(mean(cpu), mean(wall),
                    wall.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), answeringUsed / cycles,
                    (double) (requests.count() - requestsBefore) / cycles, cycles,
                    watchdog.alerts(AlertState.FIRING), watchdog.alerts(AlertState.PENDING));
        } finally {
            RuleEvaluationBenchmark.deleteRecursively(dataDir);
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
