package dev.watchdog.bench;

import dev.watchdog.testing.RealPrometheus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The reference: a real Prometheus scraping {@link SyntheticServices} with the rule files loaded, evaluating it at
 * its {@code evaluation_interval}. Its CPU per cycle is its {@code /proc} CPU over whole intervals after warm-up,
 * less what a Prometheus without rules ({@code idle}: same targets, same scrape interval, running in the same
 * window) used, divided by the evaluations of each group done in the window. Its evaluation time per cycle is
 * {@code prometheus_rule_group_last_duration_seconds} summed over the groups (and the longest group), sampled once
 * per interval.
 *
 * @param cpuPerCycle      seconds of CPU the rules cost per cycle
 * @param evalSum          mean over the samples of the groups' last durations summed, seconds
 * @param evalMax          mean over the samples of the longest group's last duration, seconds
 * @param cycles           evaluations per group in the window
 * @param idleCpuPerSecond the rule-less Prometheus' CPU per second of wall time in the window
 * @param failures         rule evaluation failures Prometheus counted
 * @param missed           group iterations Prometheus missed
 * @param firing           alerts firing at the end
 * @param pending          alerts pending at the end
 */
record NativeRuleEvaluation(double cpuPerCycle, double evalSum, double evalMax, double cycles,
        double idleCpuPerSecond, double failures, double missed, long firing, long pending) {

    static NativeRuleEvaluation measure(SyntheticServices services, List<String> ruleFiles, int groups,
            Duration interval, int cycles, RealPrometheus idle) {
        RealPrometheus.Builder builder = RuleEvaluationBenchmark.prometheus(services).evaluationInterval(interval);
        ruleFiles.forEach(builder::rules);
        try (RealPrometheus prometheus = builder.start()) {
            ProcCpu cpu = new ProcCpu(prometheus.pid());
            ProcCpu idleCpu = new ProcCpu(idle.pid());
            RuleEvaluationBenchmark.awaitScraped(prometheus, services);
            RuleEvaluationBenchmark.await(interval.multipliedBy(2).plusSeconds(30),
                    () -> RuleGroupMetrics.read(prometheus.url()).evaluated() == groups,
                    "every rule group of the native Prometheus evaluated once");
            RuleGroupMetrics before = RuleGroupMetrics.read(prometheus.url());
            double cpuBefore = cpu.seconds();
            double idleBefore = idleCpu.seconds();
            long started = System.nanoTime();
            List<RuleGroupMetrics> samples = new ArrayList<>();
            for (int cycle = 0; cycle < cycles; cycle++) {
                // The window is whole evaluation intervals: each group evaluates once in each.
                LockSupport.parkNanos(interval.toNanos());
                samples.add(RuleGroupMetrics.read(prometheus.url()));
            }
            double cpuUsed = cpu.seconds() - cpuBefore;
            double idleUsed = idleCpu.seconds() - idleBefore;
            double elapsed = (System.nanoTime() - started) / 1e9;
            RuleGroupMetrics after = samples.get(samples.size() - 1);
            double evaluations = (after.iterations() - before.iterations()) / groups;
            long firing = prometheus.alerts().stream().filter(alert -> alert.state().equals("firing")).count();
            long pending = prometheus.alerts().stream().filter(alert -> alert.state().equals("pending")).count();
            double idlePerSecond = idleUsed / elapsed;
            return new NativeRuleEvaluation((cpuUsed - idlePerSecond * elapsed) / evaluations,
                    samples.stream().mapToDouble(RuleGroupMetrics::durationSum).average().orElse(Double.NaN),
                    samples.stream().mapToDouble(RuleGroupMetrics::durationMax).average().orElse(Double.NaN),
                    evaluations, idlePerSecond, after.failures(), after.missed(), firing, pending);
        }
    }
}
